package io.envaudit.listings;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The platforms of a pixi.lock: how an environment's packages are keyed, and which subdir each key stands for.
 * Up to lock version 6 a key is a conda subdir. Version 7 lists the lock's platforms at the top, each a
 * {@code name}, a {@code subdir} when it differs from the name, and {@code virtual-packages}, and an environment's
 * keys are those names: pixi's named platforms lock one subdir more than once ({@code linux-64-cuda12}, subdir
 * {@code linux-64}, virtual package {@code __cuda=12}). The virtual packages are what the solve assumed of the
 * machine, not facts of one machine, so they are not read.
 */
final class PixiPlatforms {
    /** Each named platform's subdir, in the lock's order; null up to version 6, where the key is the subdir. */
    private final Map<String, String> subdirs;

    private PixiPlatforms(Map<String, String> subdirs) {
        this.subdirs = subdirs;
    }

    /** @param named whether the lock names its platforms (version 7) */
    static PixiPlatforms of(YamlTree yaml, MappingNode root, boolean named) {
        if (!named) {
            return new PixiPlatforms(null);
        }
        Map<String, String> subdirs = new LinkedHashMap<>();
        for (Node entry : yaml.sequence(YamlTree.get(root, "platforms"), "the lock's platforms")) {
            MappingNode platform = yaml.mapping(entry, "a platform");
            String name = yaml.scalar(YamlTree.get(platform, "name"), "a platform's name");
            if (name == null) {
                throw yaml.error(platform, "expected the platform to have a name");
            }
            String subdir = yaml.scalar(YamlTree.get(platform, "subdir"), "the subdir of platform " + name);
            if (subdirs.put(name, subdir != null ? subdir : name) != null) {
                throw yaml.error(platform, "expected each platform once, found " + name + " twice");
            }
        }
        return new PixiPlatforms(subdirs);
    }

    /** The subdir an environment's platform key stands for. */
    String subdir(YamlTree yaml, NodeTuple platform, String environment) {
        String key = yaml.scalar(platform.getKeyNode(), "a platform");
        if (subdirs == null) {
            return key;
        }
        String subdir = subdirs.get(key);
        if (subdir == null) {
            throw yaml.error(platform.getKeyNode(), "expected the lock's platforms to define platform '" + key
                    + "', which environment '" + environment + "' uses");
        }
        return subdir;
    }

    /**
     * The environment's platform asked for, else its first: the one of that name, else the one on that subdir.
     *
     * @param wanted a platform's name or a subdir, or null
     */
    NodeTuple choose(YamlTree yaml, String environment, MappingNode platforms, String wanted) {
        List<NodeTuple> listed = platforms.getValue();
        if (listed.isEmpty()) {
            throw yaml.error(platforms, "expected environment '" + environment + "' to list its packages by platform");
        }
        if (wanted == null) {
            return listed.get(0);
        }
        for (NodeTuple platform : listed) {
            if (wanted.equals(yaml.scalar(platform.getKeyNode(), "a platform"))) {
                return platform;
            }
        }
        List<NodeTuple> onSubdir = listed.stream().filter(p -> wanted.equals(subdir(yaml, p, environment))).toList();
        if (onSubdir.size() == 1) {
            return onSubdir.get(0);
        }
        if (onSubdir.isEmpty()) {
            throw yaml.error(platforms, "no platform '" + wanted + "' in environment '" + environment + "'; it has "
                    + describe(yaml, listed, environment));
        }
        throw yaml.error(platforms, "platform '" + wanted + "' is the subdir of more than one platform of environment '"
                + environment + "': " + describe(yaml, onSubdir, environment) + "; name one");
    }

    /** {@code linux-64, linux-64-cuda12 (linux-64)}: each platform, with its subdir where the name is another. */
    private String describe(YamlTree yaml, List<NodeTuple> platforms, String environment) {
        return platforms.stream().map(p -> {
            String name = yaml.scalar(p.getKeyNode(), "a platform");
            String subdir = subdir(yaml, p, environment);
            return name.equals(subdir) ? name : name + " (" + subdir + ")";
        }).collect(Collectors.joining(", "));
    }
}
