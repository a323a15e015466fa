package io.envaudit.router;

import io.envaudit.router.loop.RouterLoop;
import io.envaudit.router.loop.RouterState;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A router at work on its own thread. {@link #close} stops it: a post in progress finishes and is
 * recorded, what is not delivered yet is left for the next start (its offsets are not committed).
 */
public final class RunningRouter implements AutoCloseable {
    private final RouterLoop loop;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private volatile Throwable failure;

    RunningRouter(RouterLoop loop, Runnable cleanUp) {
        this.loop = loop;
        this.thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                try {
                    cleanUp.run();
                } finally {
                    if (failure != null) {
                        failed.complete(failure);
                    }
                    stopped.countDown();
                }
            }
        }, "envaudit-router");
    }

    void start() {
        thread.start();
    }

    /** Blocks until the router stops, by {@link #close} or by a failure. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /** Why it stopped on its own: its delivery log or Kafka could not be used. Empty while it runs or after close. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Runs {@code action} with the failure if the router stops on its own (as {@link #failure} tells it), on
     * the router's thread once it has cleaned up, or at once when it already has: in either case before
     * {@link #await} and {@link #close} return. An exception {@code action} throws is dropped.
     */
    public void onFailure(Consumer<Throwable> action) {
        failed.thenAccept(action);
    }

    /** What it is doing: joining its consumer group, routing its partitions, rebalancing, or stopped. */
    public RouterState state() {
        return loop.state();
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        stopped.await();
    }
}
