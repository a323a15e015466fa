package io.envaudit.agent.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.envaudit.engine.names.Channels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one conda-meta record (docs/agent.md shows one). The record is streamed: of its {@code files} only
 * the Python metadata folders are kept, and {@code paths_data} (the bulk of a large package's record) is
 * skipped without being built.
 */
public final class CondaMetaReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final char[][] METADATA_SUFFIXES = {".dist-info".toCharArray(), ".egg-info".toCharArray()};

    private CondaMetaReader() {
    }

    public static CondaMetaRecord read(Path file) throws UnreadableFileException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            return read(parser, file);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new UnreadableFileException(file, "is not valid JSON" + at + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + IoMessages.describe(e));
        }
    }

    private static CondaMetaRecord read(JsonParser parser, Path file) throws IOException, UnreadableFileException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new UnreadableFileException(file, "is not a JSON object");
        }
        String name = null;
        String version = null;
        String build = null;
        Long buildNumber = null;
        String channel = null;
        String url = null;
        String subdir = null;
        List<String> depends = List.of();
        List<String> constrains = List.of();
        Set<String> metadataFolders = Set.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = string(parser, field, file);
                case "version" -> version = string(parser, field, file);
                case "build" -> build = string(parser, field, file);
                case "build_number" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw wrongType(file, field, "an integer", parser);
                    }
                    buildNumber = parser.getLongValue();
                }
                case "channel" -> channel = string(parser, field, file);
                case "url" -> url = string(parser, field, file);
                case "subdir" -> subdir = string(parser, field, file);
                case "depends" -> depends = strings(parser, field, file);
                case "constrains" -> constrains = strings(parser, field, file);
                case "files" -> metadataFolders = metadataFolders(parser, file);
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new UnreadableFileException(file, "ends before its JSON object closes");
        }
        if (name == null || name.isEmpty()) {
            throw new UnreadableFileException(file, "has no name");
        }
        if (version == null || version.isEmpty()) {
            throw new UnreadableFileException(file, "has no version");
        }
        String source = channel != null && !channel.isBlank() ? channel : url;
        String canonical = source == null ? null : Channels.canonical(source).toString();
        return new CondaMetaRecord(name, version, build, buildNumber, canonical, subdir, depends, constrains,
                metadataFolders, file);
    }

    private static String string(JsonParser parser, String field, Path file) throws IOException, UnreadableFileException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw wrongType(file, field, "a string", parser);
        }
        return parser.getText();
    }

    private static List<String> strings(JsonParser parser, String field, Path file) throws IOException, UnreadableFileException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw wrongType(file, field, "an array of strings", parser);
        }
        List<String> out = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw wrongType(file, field + "[" + out.size() + "]", "a string", parser);
            }
            out.add(parser.getText());
        }
        return List.copyOf(out);
    }

    /**
     * The distinct {@code ...site-packages/x.dist-info} (or egg-info) prefixes of the record's files. A big
     * package lists tens of thousands of files: each is looked at in the parser's own buffer, and only the few
     * metadata paths become strings.
     */
    private static Set<String> metadataFolders(JsonParser parser, Path file) throws IOException, UnreadableFileException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw wrongType(file, "files", "an array of strings", parser);
        }
        Set<String> out = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                parser.skipChildren();
                continue;
            }
            char[] text = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int end = metadataFolderEnd(text, offset, offset + parser.getTextLength());
            if (end > 0) {
                out.add(new String(text, offset, end - offset).replace('\\', '/'));
            }
        }
        return out;
    }

    /** Where in {@code text[from, to)} the first path component named {@code *.dist-info} or {@code *.egg-info} ends, or -1. */
    private static int metadataFolderEnd(char[] text, int from, int to) {
        for (int end = from; end <= to; end++) {
            if (end == to || text[end] == '/' || text[end] == '\\') {
                for (char[] suffix : METADATA_SUFFIXES) {
                    if (endsWith(text, from, end, suffix)) {
                        return end;
                    }
                }
            }
        }
        return -1;
    }

    private static boolean endsWith(char[] text, int from, int end, char[] suffix) {
        if (end - from < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (text[end - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private static UnreadableFileException wrongType(Path file, String field, String expected, JsonParser parser) {
        JsonLocation where = parser.currentTokenLocation();
        return new UnreadableFileException(file, "line " + where.getLineNr() + ", column " + where.getColumnNr()
                + ": " + field + ": expected " + expected + ", found " + describe(parser.currentToken()));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> token.toString();
        };
    }
}
