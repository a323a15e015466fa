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
import java.util.stream.Collectors;

/**
 * pixi's {@code pixi.lock}, versions 5, 6 and 7. {@code environments} maps each environment to its
 * {@code channels} and, per platform, the list of its packages, each a {@code conda: URL} or {@code pypi: URL}
 * (or path); the top-level {@code packages} list describes each package once. In version 5 an entry has
 * {@code kind} (conda or pypi), {@code name}, {@code version}, {@code build}, {@code subdir} and {@code url};
 * from version 6 it is keyed by {@code conda:} or {@code pypi:} and leaves out what the conda file name already
 * says (name, version, build, subdir). Conda entries carry {@code depends}, {@code constrains},
 * {@code build_number}, hashes and license; pypi entries {@code requires_dist} and {@code requires_python}.
 *
 * <p>Version 7 (pixi writes it since May 2026) names its platforms ({@link PixiPlatforms}), keys a package pixi builds from
 * source by {@code conda_source: NAME[HASH] @ LOCATION} (its {@code version}, {@code build} and {@code subdir} are
 * left out until pixi has built it), records the build and host packages of such a package inside its entry (they
 * are not installed into the environment, so they are not read), and may lock a local pypi project without a
 * version.
 *
 * <p>A snapshot is one environment on one platform: the one chosen ({@link LockSelection}), by default the
 * {@code default} environment (what {@code pixi install} installs; else the first one listed) on the first platform
 * the lock lists for it, as for conda-lock. A conda package's channel and subdir come from its URL, and its
 * depends and constrains are its own; a pypi package is a pip install with its Requires-Dist as requires.
 */
final class PixiLockParser implements ListingParser {
    private static final Set<String> VERSIONS = Set.of("5", "6", "7");
    private static final String VERSION_7 = "7";
    private static final String DEFAULT_ENVIRONMENT = "default";
    private static final String CONDA = "conda";
    private static final String CONDA_SOURCE = "conda_source";
    private static final String PYPI = "pypi";

    /** How an environment refers to a package, and how the packages list is keyed: kind and URL (or path). */
    private record Key(String kind, String location) {
    }

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
        if (!VERSIONS.contains(version)) {
            throw text.error(versionNode == null ? 0 : YamlTree.line(versionNode), "expected a pixi.lock of version 5, 6 or 7, found "
                    + (version == null ? "no version" : "version " + version));
        }
        MappingNode environments = yaml.mapping(YamlTree.get(root, "environments"), "the lock's environments");
        NodeTuple environment = chosenEnvironment(yaml, environments, selection.environment());
        String environmentName = yaml.scalar(environment.getKeyNode(), "an environment's name");
        MappingNode platforms = yaml.mapping(YamlTree.get(yaml.mapping(environment.getValueNode(),
                "environment '" + environmentName + "'"), "packages"), "the packages of environment '" + environmentName + "'");
        PixiPlatforms named = PixiPlatforms.of(yaml, root, version.equals(VERSION_7));
        NodeTuple platform = named.choose(yaml, environmentName, platforms, selection.platform());
        String subdir = named.subdir(yaml, platform, environmentName);
        ListingBuilder listing = new ListingBuilder(ListingFormat.PIXI_LOCK).manager(EnvironmentManager.PIXI)
                .environmentName(environmentName);
        if (Subdirs.isSubdir(subdir)) {
            listing.platform(Subdirs.platform(subdir));
        }
        Map<Key, List<MappingNode>> described = describedPackages(yaml, root, version);
        String platformName = yaml.scalar(platform.getKeyNode(), "a platform");
        for (Node reference : yaml.sequence(platform.getValueNode(), "the packages of platform " + platformName)) {
            Key key = key(yaml, yaml.mapping(reference, "a package of platform " + platformName));
            List<MappingNode> candidates = described.get(key);
            if (candidates == null) {
                throw yaml.error(reference, "expected the lock's packages to describe the " + key.kind() + " package " + key.location());
            }
            MappingNode p = forPlatform(yaml, candidates, subdir);
            try {
                listing.add(key.kind().equals(PYPI) ? pypi(yaml, p, version) : conda(yaml, p, key), YamlTree.line(p));
            } catch (UnreadableLine e) {
                listing.skip(YamlTree.line(reference), key.kind() + ": " + key.location(), e.getMessage());
            }
        }
        return listing.build();
    }

    /** The environment asked for, else {@code default}, else the first. */
    private static NodeTuple chosenEnvironment(YamlTree yaml, MappingNode environments, String wanted) {
        if (environments.getValue().isEmpty()) {
            throw yaml.error(environments, "expected the lock to have at least one environment");
        }
        String name = wanted != null ? wanted : DEFAULT_ENVIRONMENT;
        for (NodeTuple environment : environments.getValue()) {
            if (name.equals(yaml.scalar(environment.getKeyNode(), "an environment's name"))) {
                return environment;
            }
        }
        if (wanted != null) {
            throw yaml.error(environments, "no environment '" + wanted + "' in the lock; it has " + environments.getValue().stream()
                    .map(e -> yaml.scalar(e.getKeyNode(), "an environment's name")).collect(Collectors.joining(", ")));
        }
        return environments.getValue().get(0);
    }

    /** The {@code packages} list by kind and location. */
    private static Map<Key, List<MappingNode>> describedPackages(YamlTree yaml, MappingNode root, String version) {
        Map<Key, List<MappingNode>> described = new HashMap<>();
        for (Node entry : yaml.sequence(YamlTree.get(root, "packages"), "the lock's packages")) {
            MappingNode p = yaml.mapping(entry, "a locked package");
            Key key;
            if (version.equals("5")) {
                String kind = yaml.scalar(YamlTree.get(p, "kind"), "the package's kind");
                if (!CONDA.equals(kind) && !PYPI.equals(kind)) {
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

    /** {@code conda: URL}, {@code conda_source: NAME[HASH] @ LOCATION} or {@code pypi: URL}: the first the entry has. */
    private static Key key(YamlTree yaml, MappingNode entry) {
        for (String kind : List.of(CONDA, CONDA_SOURCE, PYPI)) {
            String location = yaml.scalar(YamlTree.get(entry, kind), "the package's " + kind + " location");
            if (location != null) {
                return new Key(kind, location);
            }
        }
        throw yaml.error(entry, "expected a 'conda:', 'conda_source:' or 'pypi:' package location");
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
     * source package (a path pixi builds; in version 7 a {@code conda_source} entry, named by its identifier) comes
     * from no channel and may have no build.
     */
    private static InstalledPackage conda(YamlTree yaml, MappingNode p, Key key) throws UnreadableLine {
        boolean source = key.kind().equals(CONDA_SOURCE);
        String location = key.location();
        String name = yaml.scalar(YamlTree.get(p, "name"), "the package's name");
        String version = yaml.scalar(YamlTree.get(p, "version"), "the package's version");
        String build = yaml.scalar(YamlTree.get(p, "build"), "the package's build");
        if (source) {
            name = name != null ? name : sourceName(location);
            if (version == null) {
                throw new UnreadableLine("a source package locked without a version: pixi records it so until it has built it");
            }
        } else if (name == null || version == null) {
            CondaFileName file = CondaFileName.ofUrl(location);
            name = name != null ? name : file.name();
            version = version != null ? version : file.version();
            build = build != null ? build : file.build();
        } else if (build == null && location.contains("://")) {
            build = CondaFileName.ofUrl(location).build();
        }
        boolean url = !source && location.contains("://");
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

    /** {@code my-package} of {@code my-package[12345678] @ ./my-package}. */
    private static String sourceName(String identifier) throws UnreadableLine {
        int hash = identifier.indexOf('[');
        if (hash < 1 || !identifier.contains("] @ ")) {
            throw new UnreadableLine("expected a source package identifier NAME[HASH] @ LOCATION, found '" + identifier + "'");
        }
        return identifier.substring(0, hash).strip();
    }

    /** A pip install; version 7 may lock a local project without its version, which is skipped. */
    private static InstalledPackage pypi(YamlTree yaml, MappingNode p, String lockVersion) throws UnreadableLine {
        String name = yaml.requiredOfPackage(p, "name");
        if (lockVersion.equals(VERSION_7) && yaml.scalar(YamlTree.get(p, "version"), "the package's version") == null) {
            throw new UnreadableLine("locked without a version (a local project whose version is known only once it is built)");
        }
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
