package io.envaudit.listings;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.Channels;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pixi's {@code pixi.lock}, versions 5 and 6. {@code environments} maps each environment to its
 * {@code channels} and, per platform (a conda subdir), the list of its packages, each a {@code conda: URL} or
 * {@code pypi: URL} (or path); the top-level {@code packages} list describes each package once. In version 5
 * an entry has {@code kind} (conda or pypi), {@code name}, {@code version}, {@code build}, {@code subdir} and
 * {@code url}; in version 6 it is keyed by {@code conda:} or {@code pypi:} and leaves out what the conda file
 * name already says (name, version, build, subdir). Conda entries carry {@code depends}, {@code constrains},
 * {@code build_number}, hashes and license; pypi entries {@code requires_dist} and {@code requires_python}.
 *
 * <p>A snapshot is one environment on one platform: the {@code default} environment (what {@code pixi install}
 * installs; else the first one listed) on the first platform the lock lists for it, as for conda-lock. A conda
 * package's channel and subdir come from its URL, and its depends and constrains are its own; a pypi package
 * is a pip install with its Requires-Dist as requires.
 */
final class PixiLockParser implements ListingParser {
    private static final Set<String> VERSIONS = Set.of("5", "6");
    private static final String DEFAULT_ENVIRONMENT = "default";

    /** How an environment refers to a package, and how the packages list is keyed: kind and URL (or path). */
    private record Key(String kind, String location) {
    }

    @Override
    public ParsedListing parse(ListingText text) {
        YamlTree yaml = new YamlTree(text);
        MappingNode root = yaml.root();
        Node versionNode = YamlTree.get(root, "version");
        String version = yaml.scalar(versionNode, "the lock file version");
        if (!VERSIONS.contains(version)) {
            throw text.error(versionNode == null ? 0 : YamlTree.line(versionNode), "expected a pixi.lock of version 5 or 6, found "
                    + (version == null ? "no version" : "version " + version));
        }
        MappingNode environments = yaml.mapping(YamlTree.get(root, "environments"), "the lock's environments");
        NodeTuple environment = chosenEnvironment(yaml, environments);
        String environmentName = yaml.scalar(environment.getKeyNode(), "an environment's name");
        MappingNode platforms = yaml.mapping(YamlTree.get(yaml.mapping(environment.getValueNode(),
                "environment '" + environmentName + "'"), "packages"), "the packages of environment '" + environmentName + "'");
        if (platforms.getValue().isEmpty()) {
            throw yaml.error(platforms, "expected environment '" + environmentName + "' to list its packages by platform");
        }
        NodeTuple platform = platforms.getValue().get(0);
        String subdir = yaml.scalar(platform.getKeyNode(), "a platform");
        ListingBuilder listing = new ListingBuilder(ListingFormat.PIXI_LOCK).manager(EnvironmentManager.PIXI)
                .environmentName(environmentName);
        if (Subdirs.isSubdir(subdir)) {
            listing.platform(Subdirs.platform(subdir));
        }
        Map<Key, List<MappingNode>> described = describedPackages(yaml, root, version);
        for (Node reference : yaml.sequence(platform.getValueNode(), "the packages of platform " + subdir)) {
            Key key = key(yaml, yaml.mapping(reference, "a package of platform " + subdir));
            List<MappingNode> candidates = described.get(key);
            if (candidates == null) {
                throw yaml.error(reference, "expected the lock's packages to describe the " + key.kind() + " package " + key.location());
            }
            MappingNode p = forPlatform(yaml, candidates, subdir);
            try {
                listing.add(key.kind().equals("conda") ? conda(yaml, p, key.location()) : pypi(yaml, p), YamlTree.line(p));
            } catch (UnreadableLine e) {
                listing.skip(YamlTree.line(reference), key.kind() + ": " + key.location(), e.getMessage());
            }
        }
        return listing.build();
    }

    private static NodeTuple chosenEnvironment(YamlTree yaml, MappingNode environments) {
        if (environments.getValue().isEmpty()) {
            throw yaml.error(environments, "expected the lock to have at least one environment");
        }
        return environments.getValue().stream()
                .filter(e -> DEFAULT_ENVIRONMENT.equals(yaml.scalar(e.getKeyNode(), "an environment's name")))
                .findFirst().orElse(environments.getValue().get(0));
    }

    /** The {@code packages} list by kind and location. */
    private static Map<Key, List<MappingNode>> describedPackages(YamlTree yaml, MappingNode root, String version) {
        Map<Key, List<MappingNode>> described = new HashMap<>();
        for (Node entry : yaml.sequence(YamlTree.get(root, "packages"), "the lock's packages")) {
            MappingNode p = yaml.mapping(entry, "a locked package");
            Key key;
            if (version.equals("5")) {
                String kind = yaml.scalar(YamlTree.get(p, "kind"), "the package's kind");
                if (!"conda".equals(kind) && !"pypi".equals(kind)) {
                    throw yaml.error(p, "expected the package's kind to be conda or pypi, found " + (kind == null ? "none" : "'" + kind + "'"));
                }
                key = new Key(kind, yaml.requiredOfPackage(p, "url"));
            } else {
                key = key(yaml, p);
            }
            described.computeIfAbsent(key, k -> new ArrayList<>(1)).add(p);
        }
        return described;
    }

    /** {@code conda: URL} or {@code pypi: URL}: the first key of the entry that is one of those. */
    private static Key key(YamlTree yaml, MappingNode entry) {
        for (String kind : List.of("conda", "pypi")) {
            String location = yaml.scalar(YamlTree.get(entry, kind), "the package's " + kind + " location");
            if (location != null) {
                return new Key(kind, location);
            }
        }
        throw yaml.error(entry, "expected a 'conda:' or 'pypi:' package location");
    }

    /** A source package built for several platforms is described once per subdir; others once. */
    private static MappingNode forPlatform(YamlTree yaml, List<MappingNode> candidates, String subdir) {
        for (MappingNode p : candidates) {
            String packageSubdir = yaml.scalar(YamlTree.get(p, "subdir"), "the package's subdir");
            if (packageSubdir == null || packageSubdir.equals(subdir) || packageSubdir.equals("noarch")) {
                return p;
            }
        }
        return candidates.get(0);
    }

    /**
     * A conda record: what the entry states, else what its file name says; the channel and subdir from the URL. A
     * source package (a path, built by pixi) names itself and may have no build.
     */
    private static InstalledPackage conda(YamlTree yaml, MappingNode p, String location) throws UnreadableLine {
        String name = yaml.scalar(YamlTree.get(p, "name"), "the package's name");
        String version = yaml.scalar(YamlTree.get(p, "version"), "the package's version");
        String build = yaml.scalar(YamlTree.get(p, "build"), "the package's build");
        if (name == null || version == null) {
            CondaFileName file = CondaFileName.ofUrl(location);
            name = name != null ? name : file.name();
            version = version != null ? version : file.version();
            build = build != null ? build : file.build();
        } else if (build == null && location.contains("://")) {
            build = CondaFileName.ofUrl(location).build();
        }
        boolean url = location.contains("://");
        Channel channel = url ? Channels.canonical(location) : null;
        String subdir = yaml.scalar(YamlTree.get(p, "subdir"), "the package's subdir");
        InstalledPackage.Builder record = InstalledPackage.newBuilder(Packages.conda(name, version, build, channel, subdir))
                .setDepends(strings(yaml, p, "depends"))
                .setConstrains(strings(yaml, p, "constrains"));
        String buildNumber = yaml.scalar(YamlTree.get(p, "build_number"), "the package's build number");
        if (buildNumber != null) {
            try {
                record.setBuildNumber(Long.parseLong(buildNumber));
            } catch (NumberFormatException e) {
                throw yaml.error(YamlTree.get(p, "build_number"), "expected the build number as a whole number, found '" + buildNumber + "'");
            }
        }
        return record.build();
    }

    private static InstalledPackage pypi(YamlTree yaml, MappingNode p) {
        String name = yaml.requiredOfPackage(p, "name");
        String version = yaml.requiredOfPackage(p, "version");
        return InstalledPackage.newBuilder(Packages.pip(name, version)).setRequires(strings(yaml, p, "requires_dist")).build();
    }

    private static List<String> strings(YamlTree yaml, MappingNode p, String key) {
        List<String> out = new ArrayList<>();
        for (Node item : yaml.sequence(YamlTree.get(p, key), "the package's " + key)) {
            String value = yaml.scalar(item, "an entry of " + key);
            if (value != null) {
                out.add(value.strip());
            }
        }
        return out;
    }
}
