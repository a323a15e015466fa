package io.envaudit.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The rule files under src/test/resources/rules, named by their path there, and loading them. */
final class RuleFileResources {
    static final Set<String> BUILT_IN_CHECKS =
            Set.of("pip-requirements", "conda-depends", "duplicate-distribution", "channel-mix");
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private RuleFileResources() {
    }

    static RuleFile file(String path) {
        try (InputStream in = RuleFileResources.class.getResourceAsStream("/rules/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource rules/" + path);
            }
            return new RuleFile(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadedRules load(String... paths) {
        return loadAt(NOW, paths);
    }

    static LoadedRules loadAt(Instant now, String... paths) {
        List<RuleFile> files = Arrays.stream(paths).map(RuleFileResources::file).toList();
        return RuleFileLoader.load(files, "user", BUILT_IN_CHECKS, now);
    }

    /** The problems as {@code rules lint} prints them. */
    static List<String> problemLines(LoadedRules loaded) {
        return loaded.problems().stream().map(RuleFileProblem::toString).toList();
    }
}
