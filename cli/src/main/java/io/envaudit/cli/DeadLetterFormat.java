package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.envaudit.streams.dlq.DeadLetter;
import io.envaudit.streams.dlq.RecordPosition;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** How {@code envaudit dlq} shows a dead letter: two lines of text for people, or one JSON object per line for jq. */
final class DeadLetterFormat {
    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterFormat() {
    }

    /**
     * Where it is, when its source record was written, why (the reason code), where from, its key and size;
     * then, indented, the exception and the first line of its message.
     */
    static String text(DeadLetter letter) {
        String reason = "reason " + letter.reason().orElse("unknown");
        String from = letter.source().map(source -> "from " + source).orElse("from an unknown source");
        String exception = letter.exception().orElse("(no exception recorded)")
                + letter.message().map(message -> ": " + message.lines().findFirst().orElse("")).orElse("");
        return letter.position() + "  " + letter.timestamp() + "  " + reason + "  " + from + "  " + key(letter.key())
                + "  " + value(letter.value()) + System.lineSeparator() + "    " + exception;
    }

    /** {@code key host-1//opt/conda/envs/tf210}: the key as text when it is UTF-8 with no control characters, else in hex. */
    static String key(byte[] key) {
        if (key == null) {
            return "no key";
        }
        return utf8(key).filter(text -> text.chars().noneMatch(Character::isISOControl))
                .map(text -> "key " + text).orElseGet(() -> "key hex:" + HexFormat.of().formatHex(key));
    }

    private static String value(byte[] value) {
        return value == null ? "tombstone" : "value " + value.length + " bytes";
    }

    /**
     * One object on one line; the key is given as text when it is UTF-8 ({@code key}) and always in hex
     * ({@code key_hex}); {@code reason} is null when the dead letter carries none.
     */
    static void json(DeadLetter letter, PrintWriter out) {
        try {
            JsonGenerator json = JSON.createGenerator(out);
            json.writeStartObject();
            RecordPosition position = letter.position();
            json.writeStringField("topic", position.topic());
            json.writeNumberField("partition", position.partition());
            json.writeNumberField("offset", position.offset());
            json.writeStringField("timestamp", letter.timestamp().toString());
            json.writeStringField("reason", letter.reason().orElse(null));
            Optional<RecordPosition> source = letter.source();
            json.writeStringField("source_topic", source.map(RecordPosition::topic).orElse(null));
            if (source.isPresent()) {
                json.writeNumberField("source_partition", source.get().partition());
                json.writeNumberField("source_offset", source.get().offset());
            } else {
                json.writeNullField("source_partition");
                json.writeNullField("source_offset");
            }
            json.writeStringField("exception", letter.exception().orElse(null));
            json.writeStringField("message", letter.message().orElse(null));
            byte[] key = letter.key();
            json.writeStringField("key", key == null ? null : utf8(key).orElse(null));
            json.writeStringField("key_hex", key == null ? null : HexFormat.of().formatHex(key));
            byte[] value = letter.value();
            if (value == null) {
                json.writeNullField("value_bytes");
            } else {
                json.writeNumberField("value_bytes", value.length);
            }
            json.writeEndObject();
            json.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
