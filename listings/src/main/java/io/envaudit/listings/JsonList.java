package io.envaudit.listings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A listing that is a JSON list of one object per package ({@code conda list --json}, {@code pip list --format json}),
 * each object with the line it starts on. Values are read as written: a version stays text.
 */
final class JsonList {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One object of the list and the line its brace is on. */
    record Entry(ObjectNode fields, int line) {
    }

    private final ListingText text;
    private final List<Entry> entries;

    JsonList(ListingText text) {
        this.text = text;
        this.entries = read(text);
    }

    /** Whether the text opens as a JSON list of objects, or an empty one: {@code [} then {@code {} or {@code ]}. */
    static boolean looksLikeOne(ListingText text) {
        String start = text.text().stripLeading();
        if (!start.startsWith("[")) {
            return false;
        }
        String first = start.substring(1).stripLeading();
        return first.startsWith("{") || first.startsWith("]");
    }

    List<Entry> entries() {
        return entries;
    }

    /** The text of a field written as a string or a number; null when absent or null; an error for a list or an object. */
    String scalar(Entry entry, String key) {
        JsonNode value = entry.fields().get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw text.error(entry.line(), "expected the package's '" + key + "' as a single value");
        }
        return value.asText();
    }

    /** A field the format always writes; its absence is an error naming the package (when it has a name) and the line. */
    String required(Entry entry, String key) {
        String value = scalar(entry, key);
        if (value == null || value.isBlank()) {
            String name = key.equals("name") ? null : scalar(entry, "name");
            throw text.error(entry.line(), "expected " + (name == null ? "the package" : "package '" + name + "'") + " to have a '" + key + "'");
        }
        return value;
    }

    /** The field names of the first entry, for telling one JSON listing from another; empty for an empty list. */
    List<String> firstKeys() {
        List<String> keys = new ArrayList<>();
        if (!entries.isEmpty()) {
            Iterator<String> names = entries.get(0).fields().fieldNames();
            names.forEachRemaining(keys::add);
        }
        return keys;
    }

    private static List<Entry> read(ListingText text) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(text.text())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw text.error(line(parser.currentTokenLocation()), "expected a JSON list of packages");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int line = line(parser.currentTokenLocation());
                JsonNode value = parser.readValueAsTree();
                if (!(value instanceof ObjectNode object)) {
                    throw text.error(line, "expected each package of the JSON list as an object");
                }
                entries.add(new Entry(object, line));
            }
            if (parser.nextToken() != null) {
                throw text.error(line(parser.currentTokenLocation()), "expected nothing after the JSON list");
            }
        } catch (JacksonException e) {
            throw text.error(line(e.getLocation()), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string has nothing to fail reading
        }
        return entries;
    }

    private static int line(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? 0 : location.getLineNr();
    }
}
