package io.envaudit.streams.dlq;

import io.envaudit.streams.rules.RuleCheck.InvalidRuleException;
import io.envaudit.wire.UndecodableRecordException;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a record was dead-lettered, as a short code from a fixed set: the metrics' {@code reason} label,
 * the dead letter's {@link #HEADER} header, and the first word of its {@code __streams.errors.message}
 * header for envaudit's own exceptions. The decoding reasons of {@link UndecodableRecordException.Reason},
 * {@code INVALID_RULE} (a published rule that does not load), and two catch-alls for anything else.
 */
public final class DeadLetterReason {
    /**
     * The header, UTF-8 text, that carries the code on the dead letter, added to those Kafka Streams writes. Not one
     * of its {@code __streams.errors.*}: that prefix is Kafka's to extend.
     */
    public static final String HEADER = "envaudit.dlq.reason";

    /** A record that failed to deserialize with an exception other than envaudit's decoding errors. */
    public static final String UNDECODABLE = "UNDECODABLE";
    /** A record whose processing threw something other than a rule check's refusal. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private DeadLetterReason() {
    }

    /** Every code, so that each series exists from the start (a rate over a series that appears later misses its first increase). */
    public static List<String> all() {
        List<String> codes = new ArrayList<>();
        for (UndecodableRecordException.Reason reason : UndecodableRecordException.Reason.values()) {
            codes.add(reason.name());
        }
        codes.add(InvalidRuleException.REASON);
        codes.add(UNDECODABLE);
        codes.add(PROCESSING_FAILED);
        return List.copyOf(codes);
    }

    /** Puts {@code reason} on the dead letters Kafka Streams built, as the {@link #HEADER} header. */
    public static void addTo(List<ProducerRecord<byte[], byte[]>> deadLetters, String reason) {
        byte[] code = reason.getBytes(StandardCharsets.UTF_8);
        deadLetters.forEach(letter -> letter.headers().add(HEADER, code));
    }

    /** The reason of a record that failed to deserialize. */
    public static String ofDeserialization(Throwable exception) {
        return known(exception, UNDECODABLE);
    }

    /** The reason of a record whose processing threw. */
    public static String ofProcessing(Throwable exception) {
        return known(exception, PROCESSING_FAILED);
    }

    private static String known(Throwable exception, String otherwise) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UndecodableRecordException undecodable) {
                return undecodable.reason().name();
            }
            if (cause instanceof InvalidRuleException) {
                return InvalidRuleException.REASON;
            }
        }
        return otherwise;
    }
}
