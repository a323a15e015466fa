package io.envaudit.listings;

import io.envaudit.engine.names.Channels;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;

/**
 * conda-lock's unified lock file, version 1: {@code metadata.platforms} and a {@code package} list whose
 * entries give name, version, {@code manager} (conda or pip), platform, {@code dependencies} (name → spec),
 * the package file's URL, hashes, category and {@code optional}. A conda package's build, channel and subdir
 * come from its URL; its dependencies become its depends ({@code name spec}, conda-lock keeps no build
 * constraints), a pip package's its requires. A snapshot is one environment on one platform, so a lock for
 * several platforms is read for the one chosen ({@link LockSelection#platform()}), by default the first its
 * metadata lists. Optional packages (installed only when their category is asked for) are reported as skipped.
 */
final class CondaLockParser implements ListingParser {
    /** The fields of a version 1 entry this reader needs; conda-lock writes them for pip packages too. */
    private static final List<String> REQUIRED = List.of("name", "version", "manager", "platform", "url");

    @Override
    public ParsedListing parse(ListingText text) {
        return parse(text, LockSelection.DEFAULTS);
    }

    @Override
    public ParsedListing parse(ListingText text, LockSelection selection) {
        YamlTree yaml = new YamlTree(text);
        MappingNode root = yaml.root();
        Node versionNode = YamlTree.get(root, "version");
        String version = yaml.scalar(versionNode, "the lock file version");
        if (!"1".equals(version)) {
            throw text.error(versionNode == null ? 0 : YamlTree.line(versionNode),
                    "expected a conda-lock file of version 1, found " + (version == null ? "no version" : "version " + version));
        }
        MappingNode metadata = yaml.mapping(YamlTree.get(root, "metadata"), "the lock's metadata");
        String platform = chosenPlatform(yaml, metadata, selection.platform());
        ListingBuilder listing = new ListingBuilder(ListingFormat.CONDA_LOCK).manager(EnvironmentManager.CONDA);
        if (Subdirs.isSubdir(platform)) {
            listing.platform(Subdirs.platform(platform));
        }
        List<Node> entries = yaml.sequence(YamlTree.get(root, "package"), "the locked packages");
        for (Node entry : entries) {
            MappingNode p = yaml.mapping(entry, "a locked package");
            requireFields(yaml, p, entry == entries.get(entries.size() - 1));
            if (!platform.equals(yaml.scalar(YamlTree.get(p, "platform"), "the package's platform"))) {
                continue;
            }
            String name = yaml.scalar(YamlTree.get(p, "name"), "the package's name");
            if ("true".equals(yaml.scalar(YamlTree.get(p, "optional"), "optional"))) {
                listing.skip(YamlTree.line(entry), "- name: " + name, "optional (category "
                        + yaml.scalar(YamlTree.get(p, "category"), "the category") + "): conda-lock installs it only when asked");
                continue;
            }
            try {
                listing.add(lockedPackage(yaml, p, name), YamlTree.line(entry));
            } catch (UnreadableLine e) {
                listing.skip(YamlTree.line(entry), "- name: " + name, e.getMessage());
            }
        }
        return listing.build();
    }

    /**
     * Every entry, whatever its platform, states the fields conda-lock writes and this reader needs. One that lacks
     * some is named with all it lacks: usually the last of a lock cut short when pasted, which must not pass for a
     * complete environment without the package.
     */
    private static void requireFields(YamlTree yaml, MappingNode p, boolean last) {
        List<String> missing = REQUIRED.stream().filter(key -> yaml.scalar(YamlTree.get(p, key), "the package's " + key) == null).toList();
        if (!missing.isEmpty()) {
            String fields = missing.size() == 1 ? missing.get(0)
                    : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.get(missing.size() - 1);
            throw yaml.error(p, "expected " + yaml.describePackage(p) + " to have a " + fields
                    + (last ? " (the lock ends with it: is the file cut short?)" : ""));
        }
    }

    /** The platform asked for, else the first the metadata lists. */
    private static String chosenPlatform(YamlTree yaml, MappingNode metadata, String wanted) {
        Node listed = YamlTree.get(metadata, "platforms");
        List<String> platforms = new ArrayList<>();
        for (Node node : yaml.sequence(listed, "the lock's platforms")) {
            String platform = yaml.scalar(node, "a platform");
            if (platform == null) {
                throw yaml.error(node, "expected a platform name");
            }
            platforms.add(platform);
        }
        if (platforms.isEmpty()) {
            throw yaml.error(metadata, "expected the lock's metadata to list its platforms");
        }
        if (wanted == null) {
            return platforms.get(0);
        }
        if (!platforms.contains(wanted)) {
            throw yaml.error(listed, "no platform '" + wanted + "' in the lock; it has " + String.join(", ", platforms));
        }
        return wanted;
    }

    private static InstalledPackage lockedPackage(YamlTree yaml, MappingNode p, String name) throws UnreadableLine {
        String version = yaml.scalar(YamlTree.get(p, "version"), "the package's version");
        String manager = yaml.scalar(YamlTree.get(p, "manager"), "the package's manager");
        List<String> dependencies = dependencies(yaml, p);
        switch (manager) {
            case "conda" -> {
                String url = yaml.scalar(YamlTree.get(p, "url"), "the package's url");
                CondaFileName file = CondaFileName.ofUrl(url);
                InstalledPackage conda = Packages.conda(name, version, file.build(), Channels.canonical(url), null);
                return InstalledPackage.newBuilder(conda).setDepends(dependencies).build();
            }
            case "pip" -> {
                return InstalledPackage.newBuilder(Packages.pip(name, version)).setRequires(dependencies).build();
            }
            default -> throw new UnreadableLine("expected the manager conda or pip, found '" + manager + "'");
        }
    }

    /** {@code dependencies: {numpy: '>=1.17', psutil: ''}} as {@code numpy >=1.17} and {@code psutil}. */
    private static List<String> dependencies(YamlTree yaml, MappingNode p) {
        Node node = YamlTree.get(p, "dependencies");
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (NodeTuple dependency : yaml.mapping(node, "the package's dependencies").getValue()) {
            String name = yaml.scalar(dependency.getKeyNode(), "a dependency's name");
            String spec = dependency.getValueNode() instanceof ScalarNode s ? s.getValue().strip() : "";
            out.add(spec.isEmpty() || spec.equals("*") ? name : name + " " + spec);
        }
        return out;
    }
}
