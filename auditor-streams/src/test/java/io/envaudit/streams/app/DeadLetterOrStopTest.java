package io.envaudit.streams.app;

import io.envaudit.streams.dlq.DeadLetterReason;
import io.envaudit.streams.metrics.AuditorMeters;
import io.envaudit.streams.metrics.AuditorMetrics;
import io.envaudit.streams.metrics.MetricsText;
import io.envaudit.wire.SchemaRegistryException;
import io.envaudit.wire.UndecodableRecordException;
import io.envaudit.wire.UndecodableRecordException.Reason;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler the auditor is configured with, given what Kafka Streams gives it when a record does not deserialize. */
class DeadLetterOrStopTest {
    private static final byte[] KEY = "host-1//opt/conda/envs/tf210".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0x7B, 0x22, 0x01};

    private final PrometheusMeterRegistry registry = AuditorMetrics.registry();
    private final AuditorMeters meters = new AuditorMeters(registry);

    private Response handle(Exception exception) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("agent", "ws-1".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("envaudit.snapshots", 2, 14L, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, KEY.length, VALUE.length, KEY, VALUE, headers, Optional.empty());
        return FailedRecords.handle("envaudit.dlq", meters, record, exception);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAsItWasWithWhyAndWhereInHeaders() {
        Response response = handle(new UndecodableRecordException(Reason.BAD_HEADER, "envaudit.snapshots: starts with 7B 22"));

        assertEquals(Result.RESUME, response.result());
        assertEquals(1, response.deadLetterQueueRecords().size());
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertEquals("envaudit.dlq", letter.topic());
        assertNull(letter.partition(), "partitioned by the producer");
        assertEquals(1_700_000_000_000L, letter.timestamp(), "the source record's timestamp");
        assertArrayEquals(KEY, letter.key());
        assertArrayEquals(VALUE, letter.value());
        assertEquals("ws-1", header(letter, "agent"), "the source record's headers are kept");
        assertEquals(UndecodableRecordException.class.getName(), header(letter, "__streams.errors.exception"));
        assertEquals("BAD_HEADER: envaudit.snapshots: starts with 7B 22", header(letter, "__streams.errors.message"));
        assertTrue(header(letter, "__streams.errors.stacktrace").startsWith(UndecodableRecordException.class.getName()));
        assertEquals("envaudit.snapshots", header(letter, "__streams.errors.topic"));
        assertEquals("2", header(letter, "__streams.errors.partition"));
        assertEquals("14", header(letter, "__streams.errors.offset"));
        assertEquals("BAD_HEADER", header(letter, DeadLetterReason.HEADER), "the reason code, on the record");
        assertEquals(1.0, deadLetters("BAD_HEADER"), "counted by the reason its message starts with");
    }

    private double deadLetters(String reason) {
        return MetricsText.samples(registry.scrape()).get("envaudit_dead_letters_total{reason=\"" + reason + "\"}");
    }

    @Test
    void eachDeadLetterIsCountedByItsReasonCode() {
        handle(new UndecodableRecordException(Reason.UNKNOWN_SCHEMA, "envaudit.snapshots: writer schema 0x12 unknown"));
        handle(new UndecodableRecordException(Reason.UNKNOWN_SCHEMA, "envaudit.snapshots: writer schema 0x34 unknown"));
        Response oversized = handle(new SerializationException("wrapped", new UndecodableRecordException(Reason.OVERSIZED, "17 MiB")));
        Response foreign = handle(new SerializationException("a deserializer that is not envaudit's"));

        assertEquals("OVERSIZED", header(oversized.deadLetterQueueRecords().get(0), DeadLetterReason.HEADER));
        assertEquals("UNDECODABLE", header(foreign.deadLetterQueueRecords().get(0), DeadLetterReason.HEADER));
        assertEquals(2.0, deadLetters("UNKNOWN_SCHEMA"));
        assertEquals(1.0, deadLetters("OVERSIZED"), "found in the cause chain");
        assertEquals(1.0, deadLetters("UNDECODABLE"), "anything else has the catch-all code");
        assertEquals(0.0, deadLetters("BAD_HEADER"), "every known code is there from the start");
    }

    @Test
    void aSchemaRegistryOutageStopsTheTaskAndDeadLettersNothing() {
        Response direct = handle(new SchemaRegistryException("reading envaudit.schemas timed out"));
        Response wrapped = handle(new SerializationException("lookup failed", new SchemaRegistryException("reading envaudit.schemas timed out")));

        assertEquals(Result.FAIL, direct.result());
        assertTrue(direct.deadLetterQueueRecords().isEmpty());
        assertEquals(Result.FAIL, wrapped.result(), "found in the cause chain");
        assertTrue(wrapped.deadLetterQueueRecords().isEmpty());
        assertEquals(0.0, deadLetters("UNDECODABLE"), "nothing dead-lettered, nothing counted");
    }
}
