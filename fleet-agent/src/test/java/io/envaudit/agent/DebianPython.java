package io.envaudit.agent;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code /usr/bin/python3}, its venv module and its pip: the real Python the agent's view is
 * compared with. CI installs them (.ci/run), so there a missing one fails the build; elsewhere the tests
 * that need them are skipped with a message saying what to install.
 */
public final class DebianPython {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 120;

    private DebianPython() {
    }

    /** Skips the calling test (fails it under CI=true) unless {@code module} imports. */
    public static void require(String module, String debianPackage) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import " + module)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(PYTHON + " cannot import " + module + ": .ci/run installs " + debianPackage);
        }
        Assumptions.assumeTrue(present, "this test needs Debian's " + debianPackage + " for " + PYTHON
                + " (apt-get install " + debianPackage + ")");
    }

    /** The result of a finished program. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs a program to its end (bounded) and returns what it printed. */
    public static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String stdout = readAll(process.getInputStream());
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), stdout, stderr.join());
    }

    /** Runs a script of src/test/resources/python; fails when it fails. */
    public static String script(String name, String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("envaudit-", ".py");
        try {
            Files.write(script, RealData.class.getResourceAsStream("/python/" + name).readAllBytes());
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
            command.addAll(List.of(args));
            Run run = run(command);
            if (run.exitCode() != 0) {
                throw new IllegalStateException(name + " failed (" + run.exitCode() + "): " + run.stderr());
            }
            return run.stdout();
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
