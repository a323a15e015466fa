package io.envaudit.kafka.embedded;

/** The embedded broker could not start or stop; the message names the data dir and the ports. */
public final class EmbeddedKafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
