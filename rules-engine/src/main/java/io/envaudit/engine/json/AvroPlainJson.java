package io.envaudit.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain JSON form of an Avro record, derived from its schema field for field: records are objects
 * with the schema's field names, {@code ["null", T]} is null or a T (no union wrapper), enums are their
 * symbols, maps are objects, and {@code timestamp-millis} is an ISO-8601 instant
 * ({@code 2026-11-30T09:00:00Z}). Reading is strict and says where: an unknown field, a missing field
 * without a default, or a value of the wrong type is an error naming source, line, column and field path.
 */
public final class AvroPlainJson {
    /** The caller owns the writer: several records may go to one stream (stdout) one after another. */
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private AvroPlainJson() {
    }

    /** Reads one record of {@code schema} (a generated class's, or any record schema) from {@code in}. */
    public static <T extends IndexedRecord> T read(Reader in, String sourceName, Schema schema) {
        List<T> records = read(in, sourceName, schema, false);
        return records.get(0);
    }

    /**
     * Reads one or more records of {@code schema} written one after another (JSON lines, or indented objects
     * separated by white space), as {@code envaudit agent scan --format json} prints several environments.
     */
    public static <T extends IndexedRecord> List<T> readAll(Reader in, String sourceName, Schema schema) {
        return read(in, sourceName, schema, true);
    }

    private static <T extends IndexedRecord> List<T> read(Reader in, String sourceName, Schema schema, boolean several) {
        try (JsonParser parser = FACTORY.createParser(in)) {
            Reading reading = new Reading(parser, sourceName);
            parser.nextToken();
            if (parser.currentToken() == null) {
                throw reading.error("", "empty input: expected a JSON object");
            }
            List<T> records = new ArrayList<>(1);
            do {
                @SuppressWarnings("unchecked")
                T record = (T) reading.value(schema, "");
                records.add(record);
                if (parser.nextToken() != null && !several) {
                    throw reading.error("", "unexpected content after the JSON object");
                }
            } while (parser.currentToken() != null);
            return records;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            long column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new PlainJsonException(sourceName, line, Math.max(1, column), "", "not valid JSON: " + withoutParserInternals(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + sourceName, e);
        }
    }

    /** Jackson appends where a value started, in its own notation; the line and column already say where. */
    private static String withoutParserInternals(String message) {
        int internals = message.indexOf(" (start marker at");
        return internals < 0 ? message : message.substring(0, internals);
    }

    /** Writes the record as indented plain JSON; the writer is flushed, not closed. */
    public static void write(IndexedRecord record, Writer out) {
        try (JsonGenerator generator = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            writeValue(generator, record.getSchema(), record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(JsonGenerator out, Schema schema, Object value) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                out.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    out.writeFieldName(field.name());
                    writeValue(out, field.schema(), record.get(field.pos()));
                }
                out.writeEndObject();
            }
            case UNION -> {
                if (value == null) {
                    out.writeNull();
                } else {
                    writeValue(out, nonNullBranch(schema), value);
                }
            }
            case ARRAY -> {
                out.writeStartArray();
                for (Object item : (Iterable<?>) value) {
                    writeValue(out, schema.getElementType(), item);
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    writeValue(out, schema.getValueType(), entry.getValue());
                }
                out.writeEndObject();
            }
            case STRING, ENUM -> out.writeString(value.toString());
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case INT -> out.writeNumber((Integer) value);
            case LONG -> {
                if (isTimestamp(schema)) {
                    out.writeString(value instanceof Instant instant ? instant.toString() : Instant.ofEpochMilli((Long) value).toString());
                } else {
                    out.writeNumber((Long) value);
                }
            }
            case DOUBLE -> out.writeNumber((Double) value);
            case NULL -> out.writeNull();
            default -> throw new IllegalArgumentException("plain JSON does not support Avro type " + schema.getType());
        }
    }

    /** Only {@code ["null", T]} unions have a plain JSON form. */
    static Schema nonNullBranch(Schema union) {
        List<Schema> branches = union.getTypes();
        if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
            throw new IllegalArgumentException("plain JSON supports only [\"null\", T] unions, not " + union);
        }
        return branches.get(1);
    }

    static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /** One read: the parser, the source's name for messages, and the model that makes records. */
    private static final class Reading {
        private final JsonParser parser;
        private final String sourceName;
        private final GenericData model = SpecificData.get();

        Reading(JsonParser parser, String sourceName) {
            this.parser = parser;
            this.sourceName = sourceName;
        }

        Object value(Schema schema, String path) throws IOException {
            JsonToken token = parser.currentToken();
            return switch (schema.getType()) {
                case RECORD -> record(schema, path);
                case UNION -> token == JsonToken.VALUE_NULL ? null : value(nonNullBranch(schema), path);
                case ARRAY -> array(schema, path);
                case MAP -> map(schema, path);
                case STRING -> expect(token == JsonToken.VALUE_STRING, path, "a string").getText();
                case ENUM -> enumSymbol(schema, path);
                case BOOLEAN -> expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, path, "true or false")
                        .getBooleanValue();
                case INT -> expect(token == JsonToken.VALUE_NUMBER_INT, path, "an integer").getIntValue();
                case LONG -> isTimestamp(schema) ? instant(path) : expect(token == JsonToken.VALUE_NUMBER_INT, path, "an integer").getLongValue();
                case DOUBLE -> expect(token.isNumeric(), path, "a number").getDoubleValue();
                default -> throw error(path, "unsupported Avro type " + schema.getType());
            };
        }

        private Object record(Schema schema, String path) throws IOException {
            expect(parser.currentToken() == JsonToken.START_OBJECT, path, "an object");
            IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                Schema.Field field = schema.getField(name);
                if (field == null) {
                    throw error(fieldPath, "unknown field (expected one of " + fieldNames(schema) + ")");
                }
                if (!seen.add(name)) {
                    throw error(fieldPath, "field given twice");
                }
                parser.nextToken();
                record.put(field.pos(), value(field.schema(), fieldPath));
            }
            for (Schema.Field field : schema.getFields()) {
                if (!seen.contains(field.name())) {
                    if (!field.hasDefaultValue()) {
                        throw error(path, "missing required field '" + field.name() + "'");
                    }
                    record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
                }
            }
            return record;
        }

        private List<Object> array(Schema schema, String path) throws IOException {
            expect(parser.currentToken() == JsonToken.START_ARRAY, path, "an array");
            List<Object> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(schema.getElementType(), path + "[" + items.size() + "]"));
            }
            return items;
        }

        private Map<String, Object> map(Schema schema, String path) throws IOException {
            expect(parser.currentToken() == JsonToken.START_OBJECT, path, "an object");
            Map<String, Object> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                entries.put(key, value(schema.getValueType(), path + "." + key));
            }
            return entries;
        }

        private Object enumSymbol(Schema schema, String path) throws IOException {
            expect(parser.currentToken() == JsonToken.VALUE_STRING, path, "one of " + schema.getEnumSymbols());
            String symbol = parser.getText();
            for (String candidate : schema.getEnumSymbols()) {
                if (candidate.equalsIgnoreCase(symbol)) {
                    return model.createEnum(candidate, schema);
                }
            }
            throw error(path, "'" + symbol + "' is not one of " + schema.getEnumSymbols());
        }

        private Instant instant(String path) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(parser.getLongValue());
            }
            expect(token == JsonToken.VALUE_STRING, path, "an ISO-8601 instant such as 2026-11-30T09:00:00Z");
            try {
                return Instant.parse(parser.getText());
            } catch (DateTimeParseException e) {
                throw error(path, "'" + parser.getText() + "' is not an ISO-8601 instant such as 2026-11-30T09:00:00Z");
            }
        }

        private JsonParser expect(boolean ok, String path, String what) {
            if (!ok) {
                throw error(path, "expected " + what + ", found " + describe(parser.currentToken()));
            }
            return parser;
        }

        PlainJsonException error(String path, String problem) {
            var location = parser.currentTokenLocation();
            return new PlainJsonException(sourceName, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()), path, problem);
        }

        private static String describe(JsonToken token) {
            if (token == null) {
                return "the end of the input";
            }
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> token.asString();
            };
        }

        private static List<String> fieldNames(Schema schema) {
            return schema.getFields().stream().map(Schema.Field::name).toList();
        }
    }
}
