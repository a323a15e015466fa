package io.envaudit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shaded jar (the full one, or the slim agent one) run as {@code bin/envaudit} runs it, in a JVM of its own: a
 * command to its end, or a long-running one ({@code up}, {@code run}, {@code agent publish --interval}) watched
 * line by line and stopped with SIGTERM.
 */
final class EnvauditJar {
    private static final long WAIT_SECONDS = 120;

    private final Path jar;
    private final Map<String, String> environment;

    /** @param jar built by the module's package phase, before failsafe runs the ITs */
    EnvauditJar(Path jar) {
        this(jar, Map.of());
    }

    private EnvauditJar(Path jar, Map<String, String> environment) {
        this.jar = jar;
        this.environment = Map.copyOf(environment);
    }

    /** The same jar, its commands run with these variables set over the test's own environment. */
    EnvauditJar withEnvironment(Map<String, String> variables) {
        return new EnvauditJar(jar, variables);
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs a command to its end with {@code stdin} as its input. */
    CommandResult run(String stdin, String... args) throws IOException, InterruptedException {
        Process process = command(args).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process, true));
        String out = readAll(process, false);
        assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "envaudit " + String.join(" ", args) + " ended");
        return new CommandResult(process.exitValue(), out, err.join());
    }

    private static String readAll(Process process, boolean err) {
        try {
            return new String((err ? process.getErrorStream() : process.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a long-running command; its stderr is kept for the failure messages of the test. */
    Running start(String... args) throws IOException {
        return new Running(command(args).start());
    }

    /** A running command, its standard output and its standard error (the log) each collected line by line. */
    static final class Running {
        private final Process process;
        private final Lines out;
        private final Lines err;

        private Running(Process process) {
            this.process = process;
            this.out = new Lines(process.getInputStream());
            this.err = new Lines(process.getErrorStream());
        }

        /** The output lines so far, once the condition holds on them, the process has ended, or two minutes have passed. */
        List<String> await(Predicate<List<String>> condition) throws InterruptedException {
            return out.await(condition, process);
        }

        /** The same, on the lines of standard error, where the log goes. */
        List<String> awaitLog(Predicate<List<String>> condition) throws InterruptedException {
            return err.await(condition, process);
        }

        /** SIGTERM, then everything it printed up to its exit. */
        CommandResult stop() throws Exception {
            terminate();
            return ended();
        }

        /** SIGTERM, without waiting for the exit: what the command does while it stops can be watched. */
        void terminate() {
            // not Process.destroy(): besides the signal, it closes the pipes, and what is still in them is lost
            process.toHandle().destroy();
        }

        /** Everything it printed, once it has exited: on its own, or after {@link #terminate()}. */
        CommandResult ended() throws Exception {
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "ended");
            return new CommandResult(process.exitValue(), out.drained(), err.drained());
        }

        /** Ends it at once, if it still runs: for a test that failed before it could stop it. */
        void kill() {
            process.destroyForcibly();
        }
    }

    /** One stream of a process, read line by line as it comes. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final CompletableFuture<Void> drained;

        Lines(InputStream stream) {
            this.drained = CompletableFuture.runAsync(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        List<String> await(Predicate<List<String>> condition, Process process) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline && process.isAlive()) {
                synchronized (lines) {
                    if (condition.test(lines)) {
                        return List.copyOf(lines);
                    }
                }
                Thread.sleep(100);
            }
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** Everything, once the stream has ended: the last lines may still be in the pipe when the process has exited. */
        String drained() throws Exception {
            drained.get(WAIT_SECONDS, TimeUnit.SECONDS);
            synchronized (lines) {
                return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
            }
        }
    }
}
