package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.streams.dlq.DeadLetter;
import io.envaudit.streams.dlq.DeadLetterReason;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterFormatTest {
    private static final Instant WRITTEN = Instant.parse("2026-11-30T09:00:00Z");

    /** A dead letter with the headers Kafka Streams writes (their values are UTF-8 text) and the auditor's reason code. */
    private static DeadLetter letter(byte[] key, String message, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.exception", utf8("io.envaudit.wire.UndecodableRecordException"));
        headers.add("__streams.errors.message", utf8(message));
        headers.add("__streams.errors.topic", utf8("envaudit.snapshots"));
        headers.add("__streams.errors.partition", utf8("2"));
        headers.add("__streams.errors.offset", utf8("14"));
        if (reason != null) {
            headers.add(DeadLetterReason.HEADER, utf8(reason));
        }
        return DeadLetter.of(new ConsumerRecord<>("envaudit.dlq", 0, 3L, WRITTEN.toEpochMilli(), TimestampType.CREATE_TIME,
                0, 5, key, new byte[] {1, 2, 3, 4, 5}, headers, Optional.empty()));
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError(line, e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aKeyIsShownAsTextWhenItIsUtf8WithoutControlCharactersAndInHexOtherwise() {
        assertEquals("key host-1//opt/conda/envs/tf210", DeadLetterFormat.key(utf8("host-1//opt/conda/envs/tf210")));
        assertEquals("key ws-ü//π", DeadLetterFormat.key(utf8("ws-ü//π")));
        assertEquals("key hex:c328", DeadLetterFormat.key(new byte[] {(byte) 0xC3, 0x28}), "not UTF-8");
        assertEquals("key hex:610a62", DeadLetterFormat.key(utf8("a\nb")), "would break the line");
        assertEquals("no key", DeadLetterFormat.key(null));
    }

    @Test
    void textIsWhereWhenWhyFromWhereAndKeyThenTheExceptionWithTheFirstLineOfItsMessage() {
        String text = DeadLetterFormat.text(letter(utf8("host-1//env"), "CORRUPT_BODY: envaudit.snapshots: truncated\n  at field x",
                "CORRUPT_BODY"));

        assertEquals("envaudit.dlq/0/3  2026-11-30T09:00:00Z  reason CORRUPT_BODY  from envaudit.snapshots/2/14  key host-1//env"
                + "  value 5 bytes" + System.lineSeparator()
                + "    io.envaudit.wire.UndecodableRecordException: CORRUPT_BODY: envaudit.snapshots: truncated", text);
    }

    @Test
    void aDeadLetterWithoutAReasonCodeShowsItsReasonAsUnknown() {
        DeadLetter older = letter(utf8("host-1//env"), "CORRUPT_BODY: envaudit.snapshots: truncated", null);

        assertTrue(DeadLetterFormat.text(older).startsWith("envaudit.dlq/0/3  2026-11-30T09:00:00Z  reason unknown  from "),
                DeadLetterFormat.text(older));
        StringWriter out = new StringWriter();
        DeadLetterFormat.json(older, new PrintWriter(out, true));
        assertTrue(json(out.toString()).get("reason").isNull(), out.toString());
    }

    @Test
    void jsonIsOneLineWithTheWholeMessageAndTheKeyInTextAndHex() throws Exception {
        StringWriter out = new StringWriter();
        DeadLetterFormat.json(letter(new byte[] {(byte) 0xFF, 0x01}, "BAD_HEADER: x\nsecond line", "BAD_HEADER"),
                new PrintWriter(out, true));

        String line = out.toString();
        assertEquals(1, line.lines().count(), line);
        JsonNode json = json(line);
        assertEquals("envaudit.dlq", json.get("topic").asText());
        assertEquals(0, json.get("partition").asInt());
        assertEquals(3, json.get("offset").asLong());
        assertEquals("2026-11-30T09:00:00Z", json.get("timestamp").asText());
        assertEquals("BAD_HEADER", json.get("reason").asText());
        assertEquals("envaudit.snapshots", json.get("source_topic").asText());
        assertEquals(2, json.get("source_partition").asInt());
        assertEquals(14, json.get("source_offset").asLong());
        assertEquals("io.envaudit.wire.UndecodableRecordException", json.get("exception").asText());
        assertEquals("BAD_HEADER: x\nsecond line", json.get("message").asText());
        assertTrue(json.get("key").isNull(), "not UTF-8");
        assertEquals("ff01", json.get("key_hex").asText());
        assertEquals(5, json.get("value_bytes").asInt());
    }
}
