package io.envaudit.agent.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one program to its end within a time limit, with no input, and returns what it printed. A program
 * still running at the limit is killed with everything it started (a shell script's children hold its
 * output open), so a hanging program costs the limit and no more. What a program prints is kept up to
 * {@value #MAX_OUTPUT} bytes per stream, the rest is read and dropped: the agent's heap is small.
 */
public final class ProgramRun {
    static final int MAX_OUTPUT = 4 << 20;
    /** How often the programs a running program started are looked up. */
    private static final Duration WATCH = Duration.ofMillis(50);

    /** Output is drained on threads of its own, so that a chatty program never blocks on a full pipe; daemons never keep the agent alive. */
    private static final Executor DRAIN = task -> {
        Thread thread = new Thread(task, "program-output");
        thread.setDaemon(true);
        thread.start();
    };

    /** @param exitCode the program's exit code; what it means is the caller's business */
    public record Output(int exitCode, String stdout, String stderr) {
        /** The first line of stderr, or empty. */
        public String firstErrorLine() {
            String text = stderr.strip();
            int newline = text.indexOf('\n');
            return (newline < 0 ? text : text.substring(0, newline)).strip();
        }
    }

    private ProgramRun() {
    }

    /**
     * @throws ProgramException when the program cannot be started, does not end within {@code limit}, or the
     *                          waiting is interrupted
     */
    public static Output run(List<String> command, Duration limit) throws ProgramException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new ProgramException("cannot be run: " + e.getMessage());
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), DRAIN);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), DRAIN);
        long end = System.nanoTime() + limit.toNanos();
        // what it starts is remembered while it runs: once it has ended, its children belong to init and
        // process.descendants() no longer finds them, yet one of them may still hold the output open
        Set<ProcessHandle> started = new HashSet<>();
        try {
            while (!process.waitFor(Math.min(WATCH.toNanos(), Math.max(0, end - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(started::add);
                if (System.nanoTime() >= end) {
                    kill(process, started);
                    throw new ProgramException("did not answer within " + describe(limit));
                }
            }
            // a child it left behind may still hold the output open: what is left of the limit is all it gets
            return new Output(process.exitValue(), stdout.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS),
                    stderr.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            kill(process, started);
            throw new ProgramException("ended, but what it started kept its output open beyond " + describe(limit));
        } catch (ExecutionException e) {
            throw new ProgramException("its output cannot be read: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            kill(process, started);
            Thread.currentThread().interrupt();
            throw new ProgramException("was interrupted");
        }
    }

    /** {@code 20 s}, or {@code 1500 ms} for a limit that is no whole number of seconds. */
    static String describe(Duration limit) {
        long millis = limit.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void kill(Process process, Set<ProcessHandle> started) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String drain(InputStream stream) {
        try (InputStream in = stream) {
            byte[] kept = in.readNBytes(MAX_OUTPUT);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
