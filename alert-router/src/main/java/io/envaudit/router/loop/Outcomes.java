package io.envaudit.router.loop;

import io.envaudit.router.delivery.ReceiverLane;
import io.envaudit.schemas.AlertNotification;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the receiver lanes report, handed over to the consumer thread: the settled notifications, in the
 * order they settled, and the first failure (after which the router stops).
 */
public final class Outcomes implements ReceiverLane.Listener {
    private final ConcurrentLinkedQueue<AlertNotification> settled = new ConcurrentLinkedQueue<>();
    private final Runnable wake;
    private volatile RuntimeException failure;

    /** @param wake interrupts the consumer thread's wait, so that a failure stops it at once */
    public Outcomes(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public void settled(AlertNotification outcome) {
        settled.add(outcome);
    }

    @Override
    public void failed(RuntimeException cause) {
        if (failure == null) {
            failure = cause;
        }
        wake.run();
    }

    /** The next settled notification, or null. */
    AlertNotification next() {
        return settled.poll();
    }

    RuntimeException failure() {
        return failure;
    }
}
