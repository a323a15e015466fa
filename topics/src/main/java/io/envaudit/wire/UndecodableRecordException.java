package io.envaudit.wire;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that can never be decoded, with the reason, so a dead-letter handler can record why.
 * Retrying does not help; a {@link SchemaRegistryException} (registry unreachable) is the other case.
 */
public class UndecodableRecordException extends SerializationException {
    private static final long serialVersionUID = 1L;

    /** Why a record cannot be decoded. */
    public enum Reason {
        /** Larger than {@link AvroSingleObjectDeserializer#MAX_RECORD_BYTES}: refused before any decoding. */
        OVERSIZED,
        /** Shorter than the 10-byte header, or not starting with C3 01. */
        BAD_HEADER,
        /** The writer's schema fingerprint is in neither the local cache nor the schemas topic. */
        UNKNOWN_SCHEMA,
        /** The writer's schema is known but does not resolve to the reader's (a field removed without default...). */
        INCOMPATIBLE_SCHEMA,
        /** The body does not decode with the writer's schema: truncated, trailing bytes, bad lengths. */
        CORRUPT_BODY
    }

    private final Reason reason;

    public UndecodableRecordException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public UndecodableRecordException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
