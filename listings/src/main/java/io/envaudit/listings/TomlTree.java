package io.envaudit.listings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A TOML listing (uv.lock, poetry.lock) as a tree, with the lines its tables start on. Jackson's TOML reader
 * builds the whole tree before handing it over, so its nodes carry no positions; the lines of a
 * {@code [[package]]} table and of its keys are found in the text instead, where TOML keeps an array of
 * tables in the order of its headers. Values are kept as written: Jackson leaves TOML dates as text.
 */
final class TomlTree {
    private static final TomlMapper MAPPER = new TomlMapper();

    /** One table of an array of tables: its values and the line of its {@code [[name]]} header (0 when written inline). */
    record Table(ObjectNode values, int line) {
    }

    private final ListingText text;
    private final ObjectNode root;

    TomlTree(ListingText text) {
        this.text = text;
        try {
            JsonNode tree = MAPPER.readTree(text.text());
            if (!(tree instanceof ObjectNode object)) {
                throw text.error(0, "expected a TOML document");
            }
            this.root = object;
        } catch (JacksonException e) {
            JsonLocation location = e.getLocation();
            int line = location == null || location.getLineNr() < 0 ? 0 : location.getLineNr();
            throw text.error(line, "not valid TOML: " + e.getOriginalMessage());
        }
    }

    ObjectNode root() {
        return root;
    }

    /** The tables of the array {@code name} ({@code [[name]]}), each with its header's line; empty when absent. */
    List<Table> tables(String name) {
        JsonNode array = root.get(name);
        if (array == null) {
            return List.of();
        }
        if (!array.isArray()) {
            throw text.error(keyLine(1, name), "expected '" + name + "' as an array of tables ([[" + name + "]])");
        }
        List<Integer> headers = headerLines(name);
        List<Table> tables = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            int line = headers.size() == array.size() ? headers.get(i) : 0;
            if (!(array.get(i) instanceof ObjectNode table)) {
                throw text.error(line, "expected each entry of '" + name + "' to be a table");
            }
            tables.add(new Table(table, line));
        }
        return tables;
    }

    /** A value as text, or null when absent; an error naming the key's line when it is a table or an array. */
    String string(ObjectNode table, int tableLine, String key) {
        JsonNode value = table.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw text.error(keyLine(tableLine, key), "expected '" + key + "' to be a single value, found "
                    + (value.isArray() ? "an array" : "a table"));
        }
        return value.asText();
    }

    /** A required value as text: an error naming the table's line and the key when it is missing. */
    String required(ObjectNode table, int tableLine, String key, String what) {
        String value = string(table, tableLine, key);
        if (value == null || value.isBlank()) {
            throw text.error(tableLine, "expected " + what + " to have a '" + key + "'");
        }
        return value;
    }

    /**
     * The line of {@code key = ...} within the table whose header is on {@code tableLine}, or of the
     * top-level key when it is 1 and no header precedes the key; the table's own line when not found.
     */
    int keyLine(int tableLine, String key) {
        Pattern assignment = Pattern.compile("\\s*\"?" + Pattern.quote(key) + "\"?\\s*=.*");
        List<String> lines = text.lines();
        int from = Math.max(tableLine, 1);
        for (int i = from; i <= lines.size(); i++) {
            String line = lines.get(i - 1);
            if (i > from && line.stripLeading().startsWith("[")) {
                break;
            }
            if (assignment.matcher(line).matches()) {
                return i;
            }
        }
        return tableLine;
    }

    private List<Integer> headerLines(String name) {
        Pattern header = Pattern.compile("\\s*\\[\\[\\s*" + Pattern.quote(name) + "\\s*]]\\s*(#.*)?");
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < text.lines().size(); i++) {
            if (header.matcher(text.lines().get(i)).matches()) {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    ListingException error(int line, String problem) {
        return text.error(line, problem);
    }
}
