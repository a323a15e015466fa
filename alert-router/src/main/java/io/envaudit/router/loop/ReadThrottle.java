package io.envaudit.router.loop;

import io.envaudit.schemas.ConflictAlert;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading while too many records wait, so that a receiver that is down does not fill the heap; reading
 * resumes once half of them are delivered.
 */
final class ReadThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(ReadThrottle.class);

    private final KafkaConsumer<String, ConflictAlert> consumer;
    private final int maxWaiting;
    private boolean paused;

    ReadThrottle(KafkaConsumer<String, ConflictAlert> consumer, int maxWaiting) {
        this.consumer = consumer;
        this.maxWaiting = maxWaiting;
    }

    /** @param waiting how many records wait for delivery now */
    void adjust(int waiting) {
        if (!paused && waiting > maxWaiting) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.warn("{} alert records wait for delivery: reading paused until half of them are delivered", waiting);
        } else if (paused && waiting <= maxWaiting / 2) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    /** Reads again: nothing waits any more (a rebalance or stop dropped it all). */
    void release() {
        if (paused) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }
}
