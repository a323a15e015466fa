package io.envaudit.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What stops a long-running command ({@code up}, {@code run}, {@code agent publish --interval}): Ctrl-C or SIGTERM, or a failure of what it
 * runs. The command's own thread notices, closes everything, prints its last line and returns its exit
 * code: 0 after a signal. The signals are handled here rather than by the JVM because the JVM would run
 * its shutdown hooks concurrently with that close, exit when they return whether or not the command had
 * finished, and with 128 + the signal's number. A second signal exits at once, for a close that hangs.
 * Closing this request gives the signals back to the JVM.
 */
final class StopRequest implements AutoCloseable {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<Signals.Replaced> replaced = new ArrayList<>();

    private StopRequest() {
    }

    /** A request that Ctrl-C (SIGINT) or SIGTERM makes from now on. */
    static StopRequest onSignals() {
        StopRequest stop = new StopRequest();
        for (String signal : List.of("INT", "TERM")) {
            stop.replaced.add(Signals.handle(signal, stop::signalled));
        }
        return stop;
    }

    private void signalled(int number) {
        if (signals.incrementAndGet() > 1) {
            Runtime.getRuntime().halt(128 + number);
        }
        requested.countDown();
    }

    /** What runs failed: the command stops and reports it; the first failure is the one reported. */
    void fail(String message) {
        failure.compareAndSet(null, message);
        requested.countDown();
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    void await() throws InterruptedException {
        requested.await();
    }

    /** Waits at most {@code timeout}; true when the stop was requested. */
    boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close() {
        replaced.forEach(Signals.Replaced::restore);
    }
}
