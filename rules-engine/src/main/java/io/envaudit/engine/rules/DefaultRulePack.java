package io.envaudit.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule pack envaudit ships: the rule files under {@code io/envaudit/rules/default/} on the class path,
 * in the order its README lists them. Its rules carry the origin {@code builtin:default@<VERSION>}.
 */
public final class DefaultRulePack {
    public static final String NAME = "default";
    /** Raised with every change to the pack's files, so that a rules topic shows which pack wrote an entry. */
    public static final int VERSION = 4;
    private static final String ORIGIN_PREFIX = "builtin:" + NAME + "@";
    public static final String ORIGIN = ORIGIN_PREFIX + VERSION;
    /** Where the files are, as a class-path resource folder. */
    public static final String RESOURCE_FOLDER = "io/envaudit/rules/default/";
    public static final List<String> FILES = List.of(
            "tensorflow-keras.yaml",
            "tensorflow-tensorboard.yaml",
            "tensorflow-protobuf.yaml",
            "tensorflow-numpy.yaml",
            "tensorflow-python.yaml",
            "tensorflow-distributions.yaml",
            "opencv-distributions.yaml",
            "keras-h5py.yaml",
            "pytorch-variants.yaml",
            "tensorflow-cuda.yaml",
            "cuda-driver.yaml",
            "conda-channels.yaml");

    private DefaultRulePack() {
    }

    /** Whether an entry of this origin came from the pack, in this version or any other. */
    public static boolean owns(String origin) {
        String version = origin.startsWith(ORIGIN_PREFIX) ? origin.substring(ORIGIN_PREFIX.length()) : "";
        return !version.isEmpty() && version.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The pack's files, each named by its class-path resource so that problems point into the jar. */
    public static List<RuleFile> files() {
        List<RuleFile> files = new ArrayList<>(FILES.size());
        for (String file : FILES) {
            String resource = RESOURCE_FOLDER + file;
            try (InputStream in = DefaultRulePack.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the default rule pack lacks " + resource);
                }
                files.add(new RuleFile(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), ORIGIN));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource, e);
            }
        }
        return files;
    }

    /**
     * Loads the pack.
     *
     * @param knownCheckIds the built-in checks' ids, as {@link RuleFileLoader#load} takes them
     * @param now           the moment waivers are judged by (the pack has none)
     */
    public static LoadedRules load(Set<String> knownCheckIds, Instant now) {
        return RuleFileLoader.load(files(), ORIGIN, knownCheckIds, now);
    }
}
