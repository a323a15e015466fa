package io.envaudit.wire;

import org.apache.kafka.common.KafkaException;

/**
 * The schema registry could not be read or written in time. Not a fault of any record: a record whose
 * schema lookup fails this way must not be dead-lettered, the application should stop or retry.
 */
public class SchemaRegistryException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
