package io.envaudit.streams.dlq;

import io.envaudit.streams.app.FailedRecords;
import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.wire.UndecodableRecordException;
import io.envaudit.wire.UndecodableRecordException.Reason;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dead letters read back and replayed, from records built by the handler the auditor uses ({@code FailedRecords}). */
class DeadLetterTest {
    private static final byte[] KEY = "host-1//opt/conda/envs/tf210".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {(byte) 0xC3, 0x01, 0x00};
    private static final Instant WRITTEN = Instant.parse("2026-11-30T09:00:00Z");

    /** What the auditor writes to envaudit.dlq at partition 0, offset 7, for a record of envaudit.snapshots 2/14. */
    private static ConsumerRecord<byte[], byte[]> deadLetterRecord() {
        RecordHeaders source = new RecordHeaders();
        source.add("agent", utf8("ws-1"));
        source.add("trace", utf8("abc"));
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>("envaudit.snapshots", 2, 14L, WRITTEN.toEpochMilli(),
                TimestampType.CREATE_TIME, KEY.length, VALUE.length, KEY, VALUE, source, Optional.empty());
        ProducerRecord<byte[], byte[]> written = FailedRecords.handle("envaudit.dlq", AuditCounters.NONE, failed,
                new UndecodableRecordException(Reason.CORRUPT_BODY, "envaudit.snapshots: bytes left after the end\nsecond line"))
                .deadLetterQueueRecords().get(0);
        return new ConsumerRecord<>(written.topic(), 0, 7L, written.timestamp(), TimestampType.CREATE_TIME, KEY.length, VALUE.length,
                written.key(), written.value(), written.headers(), Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(Iterable<Header> headers) {
        List<String> names = new ArrayList<>();
        headers.forEach(h -> names.add(h.key()));
        return names;
    }

    @Test
    void aDeadLetterSaysWhatFailedWhereAndKeepsTheSourceRecord() {
        DeadLetter letter = DeadLetter.of(deadLetterRecord());

        assertEquals(new RecordPosition("envaudit.dlq", 0, 7), letter.position());
        assertEquals(WRITTEN, letter.timestamp());
        assertEquals(Optional.of(new RecordPosition("envaudit.snapshots", 2, 14)), letter.source());
        assertEquals(Optional.of(UndecodableRecordException.class.getName()), letter.exception());
        assertEquals(Optional.of("CORRUPT_BODY: envaudit.snapshots: bytes left after the end\nsecond line"), letter.message());
        assertEquals(Optional.of("CORRUPT_BODY"), letter.reason());
        assertArrayEquals(KEY, letter.key());
        assertArrayEquals(VALUE, letter.value());
        assertEquals(List.of("agent", "trace"), names(letter.originalHeaders()), "neither the error headers nor the reason");
    }

    @Test
    void aReplayGoesBackToTheSourcePartitionWithTheSourceHeadersAndWhereItWasReplayedFrom() {
        ProducerRecord<byte[], byte[]> replay = DeadLetterReplayer.replayOf(DeadLetter.of(deadLetterRecord()), Optional.empty());

        assertEquals("envaudit.snapshots", replay.topic());
        assertEquals(2, replay.partition());
        assertNull(replay.timestamp(), "stamped when sent");
        assertArrayEquals(KEY, replay.key());
        assertArrayEquals(VALUE, replay.value());
        Headers headers = replay.headers();
        assertEquals(List.of("agent", "trace", DeadLetterReplayer.REPLAYED_FROM_HEADER), names(headers));
        assertArrayEquals(utf8("envaudit.dlq/0/7"), headers.lastHeader(DeadLetterReplayer.REPLAYED_FROM_HEADER).value());
    }

    @Test
    void aReplayToAnotherTopicIsPartitionedByKeyThere() {
        ProducerRecord<byte[], byte[]> replay = DeadLetterReplayer.replayOf(DeadLetter.of(deadLetterRecord()), Optional.of("scratch"));

        assertEquals("scratch", replay.topic());
        assertNull(replay.partition());
        assertArrayEquals(KEY, replay.key());
    }

    @Test
    void aRecordWithoutErrorHeadersHasNoSourceAndReplaysOnlyToANamedTopic() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.topic", utf8("envaudit.snapshots"));
        headers.add("__streams.errors.partition", utf8("two"));
        headers.add("__streams.errors.offset", utf8("14"));
        DeadLetter letter = DeadLetter.of(new ConsumerRecord<>("envaudit.dlq", 0, 3L, 0L, TimestampType.CREATE_TIME, 0, 1,
                null, new byte[] {1}, headers, Optional.empty()));

        assertEquals(Optional.empty(), letter.source(), "a partition that is not a number");
        assertEquals(Optional.empty(), letter.exception());
        assertEquals(Optional.empty(), letter.reason(), "not written by the auditor, or before it recorded reasons");
        assertTrue(letter.originalHeaders().isEmpty());
        DeadLetterException error = assertThrows(DeadLetterException.class, () -> DeadLetterReplayer.replayOf(letter, Optional.empty()));
        assertTrue(error.getMessage().contains("envaudit.dlq/0/3"), error.getMessage());
        assertNull(DeadLetterReplayer.replayOf(letter, Optional.of("scratch")).key());
    }
}
