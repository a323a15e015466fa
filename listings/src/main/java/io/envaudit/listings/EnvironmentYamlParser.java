package io.envaudit.listings;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.Channels;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code conda env export} and environment.yml files: {@code name}, {@code channels}, {@code dependencies}
 * and {@code prefix}. An export pins each conda package as {@code name=version=build} and lists pip installs
 * under a {@code pip:} entry as pip freeze lines (some files write {@code name=version} there, where pip means
 * {@code ==}). The file lists the channels searched but not which one each package came from, so a
 * package's channel is unknown unless it is written {@code channel::name=...}; it says nothing of the
 * platform. A hand-written file's unpinned specs ({@code numpy}, {@code python>=3.9}) name no installed
 * version and are reported as skipped.
 */
final class EnvironmentYamlParser implements ListingParser {
    /** What makes a conda spec match more than one version; a lone {@code !} is an epoch ({@code 1!152.2018}). */
    private static final Pattern RANGE = Pattern.compile("[*<>,|~]|!=");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s");
    private static final List<String> FIELDS = List.of("name", "version", "build");

    @Override
    public ParsedListing parse(ListingText text) {
        YamlTree yaml = new YamlTree(text);
        MappingNode root = yaml.root();
        Node dependencies = YamlTree.get(root, "dependencies");
        if (dependencies == null) {
            throw text.error(0, "expected a 'dependencies:' list (conda env export or environment.yml)");
        }
        ListingBuilder listing = new ListingBuilder(ListingFormat.CONDA_ENV_EXPORT).manager(EnvironmentManager.CONDA)
                .environmentName(yaml.scalar(YamlTree.get(root, "name"), "the environment's name"));
        String prefix = yaml.scalar(YamlTree.get(root, "prefix"), "the environment's prefix");
        if (prefix != null) {
            listing.prefix(prefix);
        }
        for (Node entry : yaml.sequence(dependencies, "dependencies")) {
            if (entry instanceof MappingNode mapping) {
                pipSection(yaml, mapping, listing);
            } else {
                String spec = yaml.scalar(entry, "a dependency");
                if (spec != null) {
                    try {
                        listing.add(conda(spec.strip()), YamlTree.line(entry));
                    } catch (UnreadableLine e) {
                        listing.skip(YamlTree.line(entry), spec, e.getMessage() + runOn(entry));
                    }
                }
            }
        }
        return listing.build();
    }

    private static void pipSection(YamlTree yaml, MappingNode mapping, ListingBuilder listing) {
        Node pip = YamlTree.get(mapping, "pip");
        if (pip == null || mapping.getValue().size() != 1) {
            throw yaml.error(mapping, "expected a dependency or a 'pip:' list");
        }
        for (Node item : yaml.sequence(pip, "the pip dependencies")) {
            String line = yaml.scalar(item, "a pip requirement");
            if (line == null) {
                continue;
            }
            try {
                InstalledPackage p = PipRequirementLine.readFromEnvironmentFile(line.strip());
                if (p != null) {
                    listing.add(p, YamlTree.line(item));
                }
            } catch (UnreadableLine e) {
                listing.skip(YamlTree.line(item), line, e.getMessage() + runOn(item));
            }
        }
    }

    /** {@code [channel::]name=version[=build]}, {@code name==version} or {@code name version [build]}. */
    private static InstalledPackage conda(String spec) throws UnreadableLine {
        Channel channel = null;
        String rest = spec;
        int colons = spec.indexOf("::");
        if (colons >= 0) {
            channel = Channels.canonical(spec.substring(0, colons));
            rest = spec.substring(colons + 2);
        }
        boolean equals = rest.contains("=");
        String[] parts = equals ? rest.replace("==", "=").split("=", -1) : rest.split("\\s+");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty() || RANGE.matcher(rest).find()) {
            throw new UnreadableLine("not pinned to one version: expected name=version=build");
        }
        for (int i = 0; equals && i < parts.length; i++) {
            if (WHITE_SPACE.matcher(parts[i]).find()) {
                throw new UnreadableLine("white space in the " + FIELDS.get(i) + " '" + parts[i].replace("\t", "\\t")
                        + "': conda's names, versions and builds have none");
            }
        }
        return Packages.conda(parts[0], parts[1], parts.length == 3 ? parts[2] : null, channel, null);
    }

    /**
     * What to add to the reason an entry is skipped when YAML ran it on into the lines below: a {@code - x} indented
     * deeper than the list's items is no item of its own but more of the one before ({@code h8cdb687_6 - x}).
     */
    private static String runOn(Node entry) {
        int first = YamlTree.line(entry);
        int last = entry.getEndMark().map(m -> m.getLine() + 1).orElse(first);
        return last > first ? " (the entry runs on to line " + last + ": YAML reads a line indented deeper than the list's items "
                + "as more of the item above it)" : "";
    }
}
