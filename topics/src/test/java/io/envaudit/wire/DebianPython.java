package io.envaudit.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's /usr/bin/python3 with Debian's modules (python3-avro 1.11, python3-confluent-kafka), running
 * the scripts in src/test/resources/python. CI installs the modules, so there a missing one fails the
 * build; elsewhere the tests that need it are skipped with a message saying what to install.
 */
final class DebianPython {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DebianPython() {
    }

    /** Skips the calling test (fails it under CI=true) unless {@code module} imports. */
    static void require(String module, String debianPackage) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import " + module)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(PYTHON + " cannot import " + module + ": .ci/run installs " + debianPackage);
        }
        Assumptions.assumeTrue(present, "this test needs Debian's " + debianPackage + " for " + PYTHON
                + " (apt-get install " + debianPackage + ")");
    }

    /** Runs a script of src/test/resources/python with arguments and stdin; returns its stdout. */
    static byte[] run(String script, byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), resource("/python/" + script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // The script exited without reading: its exit code and stderr tell why.
            }
        });
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] stdout = readAll(process.getInputStream());
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in " + TIMEOUT);
        }
        input.join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " " + String.join(" ", args) + " exited with " + process.exitValue()
                    + ": " + new String(stderr.join(), StandardCharsets.UTF_8));
        }
        return stdout;
    }

    static Path resource(String name) {
        URL url = DebianPython.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("reading a script's output", e);
        }
    }
}
