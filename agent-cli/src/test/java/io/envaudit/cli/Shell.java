package io.envaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands run as CI and git hooks run them: in a folder, with the variables they set, this JVM's {@code java}
 * first on the PATH (so that scripts which call {@code java} run the one the tests run on).
 */
final class Shell {
    private static final long WAIT_SECONDS = 120;

    private Shell() {
    }

    /** Runs a command to its end, with no input. */
    static CommandResult run(Path folder, Map<String, String> variables, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().putAll(variables);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), String.join(" ", command) + " ended");
        return new CommandResult(process.exitValue(), out, err.join());
    }

    /** Runs a bash script as a GitHub Actions step with {@code shell: bash} runs it. */
    static CommandResult actionsStep(Path workspace, Map<String, String> variables, Path script) throws IOException, InterruptedException {
        return run(workspace, variables, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()));
    }

    /** {@code git} with these arguments, which must succeed; what it printed. */
    static String git(Path repository, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        CommandResult result = run(repository, Map.of(), command);
        assertTrue(result.exitCode() == 0, String.join(" ", command) + ": " + result.err());
        return result.out();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
