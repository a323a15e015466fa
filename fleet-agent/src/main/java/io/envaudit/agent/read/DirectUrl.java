package io.envaudit.agent.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * A dist-info's {@code direct_url.json} (PEP 610): the install came from a URL, not an index. The kinds
 * are PEP 610's: a local directory (editable or not), a VCS checkout, or an archive.
 */
public record DirectUrl(String url, Kind kind, String vcs) {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    public enum Kind { EDITABLE, DIRECTORY, VCS, ARCHIVE }

    /**
     * @throws IllegalArgumentException when the text is not the JSON object PEP 610 describes
     */
    public static DirectUrl parse(String json) {
        String url = null;
        Kind kind = null;
        String vcs = null;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "url" -> url = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "dir_info" -> kind = dirInfo(parser);
                    case "vcs_info" -> {
                        kind = Kind.VCS;
                        vcs = stringField(parser, "vcs");
                    }
                    case "archive_info" -> {
                        kind = Kind.ARCHIVE;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("is not valid JSON: " + why);
        }
        if (url == null) {
            throw new IllegalArgumentException("has no url");
        }
        return new DirectUrl(url, kind == null ? Kind.ARCHIVE : kind, vcs);
    }

    public boolean editable() {
        return kind == Kind.EDITABLE;
    }

    /** How the text report shows it: {@code editable file:///home/ana/src/x}, {@code git https://...}. */
    @Override
    public String toString() {
        return switch (kind) {
            case EDITABLE -> "editable " + url;
            case VCS -> (vcs == null ? "vcs" : vcs) + " " + url;
            case DIRECTORY -> "directory " + url;
            case ARCHIVE -> "archive " + url;
        };
    }

    private static Kind dirInfo(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Kind.DIRECTORY;
        }
        Kind kind = Kind.DIRECTORY;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("editable") && value == JsonToken.VALUE_TRUE) {
                kind = Kind.EDITABLE;
            }
            parser.skipChildren();
        }
        return kind;
    }

    private static String stringField(JsonParser parser, String wanted) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(wanted) && value == JsonToken.VALUE_STRING) {
                found = parser.getText();
            }
            parser.skipChildren();
        }
        return found;
    }
}
