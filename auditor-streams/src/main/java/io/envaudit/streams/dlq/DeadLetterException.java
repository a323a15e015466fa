package io.envaudit.streams.dlq;

/**
 * What was asked of the dead-letter topic names something that is not there: a topic, a partition, a
 * dead letter at an offset, or the source of a dead letter that does not say where it came from. The
 * message names it. Kafka's own failures (unreachable, timed out) are Kafka exceptions, not this.
 */
public final class DeadLetterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadLetterException(String message) {
        super(message);
    }
}
