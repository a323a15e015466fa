package io.envaudit.cli;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's {@code prometheus} package (2.42 here): the server and {@code promtool}. CI installs it (.ci/run), so
 * there a missing binary fails the test; elsewhere the test is skipped.
 */
final class DebianPrometheus {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private DebianPrometheus() {
    }

    /** The binary, or the test skipped (failed in CI) when it is not installed. */
    static Path require(Path binary) {
        boolean present = Files.isExecutable(binary);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(binary + " is missing: .ci/run installs Debian's prometheus");
        }
        Assumptions.assumeTrue(present, "needs Debian's prometheus package (apt-get install prometheus) for " + binary);
        return binary;
    }
}
