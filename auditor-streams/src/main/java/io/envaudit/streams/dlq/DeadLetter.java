package io.envaudit.streams.dlq;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One record of the dead-letter topic, as Kafka Streams writes it (KIP-1034,
 * {@code ExceptionHandlerUtils.buildDeadLetterQueueRecord}): the source record's raw key and value, its
 * timestamp and its headers, followed by {@code __streams.errors.*} headers, UTF-8 text, naming the
 * exception (class, message, stack trace) and the source topic, partition and offset; then the auditor's
 * reason code ({@link DeadLetterReason#HEADER}).
 *
 * <p>A record someone else wrote to the topic may lack those headers: its source, exception and reason are
 * then empty, and it can be replayed only to a topic named explicitly. So may a dead letter written before
 * the auditor recorded its reason.
 */
public final class DeadLetter {
    /**
     * The prefix of the headers Kafka Streams adds; every other header but the reason is the source record's
     * own. Kafka may add more error headers in later versions, so they are told apart by prefix, not by name.
     */
    public static final String ERROR_HEADER_PREFIX = "__streams.errors.";

    private final RecordPosition position;
    private final Instant timestamp;
    private final RecordPosition source;
    private final String exception;
    private final String message;
    private final String reason;
    private final byte[] key;
    private final byte[] value;
    private final List<Header> originalHeaders;

    private DeadLetter(RecordPosition position, Instant timestamp, RecordPosition source, String exception, String message,
                       String reason, byte[] key, byte[] value, List<Header> originalHeaders) {
        this.position = position;
        this.timestamp = timestamp;
        this.source = source;
        this.exception = exception;
        this.message = message;
        this.reason = reason;
        this.key = key;
        this.value = value;
        this.originalHeaders = List.copyOf(originalHeaders);
    }

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        List<Header> original = new ArrayList<>();
        for (Header header : headers) {
            if (!isErrorHeader(header.key())) {
                original.add(header);
            }
        }
        return new DeadLetter(new RecordPosition(record.topic(), record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()), source(headers),
                text(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME),
                text(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME),
                text(headers, DeadLetterReason.HEADER), record.key(), record.value(), original);
    }

    /** Whether a header says why the record failed, rather than being one of the source record's own. */
    private static boolean isErrorHeader(String name) {
        return name.startsWith(ERROR_HEADER_PREFIX) || name.equals(DeadLetterReason.HEADER);
    }

    /** The source position from the three headers, or null unless all three are there and well formed. */
    private static RecordPosition source(Headers headers) {
        String topic = text(headers, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME);
        String partition = text(headers, ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME);
        String offset = text(headers, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME);
        if (topic == null || topic.isEmpty() || partition == null || offset == null) {
            return null;
        }
        try {
            return new RecordPosition(topic, Integer.parseInt(partition), Long.parseLong(offset));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Where this dead letter is in the dead-letter topic. */
    public RecordPosition position() {
        return position;
    }

    /** The record's timestamp: Kafka Streams keeps the source record's, so this is when the bad record was written. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Where the record was read from when it failed, if the headers say. */
    public Optional<RecordPosition> source() {
        return Optional.ofNullable(source);
    }

    /** Whether the headers say the record came from {@code topic}. */
    public boolean cameFrom(String topic) {
        return source != null && source.topic().equals(topic);
    }

    /** The class name of the exception that failed the record, if the headers say. */
    public Optional<String> exception() {
        return Optional.ofNullable(exception);
    }

    /** The exception's message (envaudit's decoding errors start with the reason, such as {@code UNKNOWN_SCHEMA}). */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /**
     * The reason code the auditor gave ({@link DeadLetterReason}: {@code BAD_HEADER}, {@code INVALID_RULE}, ...), if
     * the dead letter carries one.
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The source record's key bytes, or null; a copy. */
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** The source record's value bytes, or null for a tombstone; a copy. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** The source record's own headers, in order, without the error headers and the reason. */
    public List<Header> originalHeaders() {
        return originalHeaders;
    }
}
