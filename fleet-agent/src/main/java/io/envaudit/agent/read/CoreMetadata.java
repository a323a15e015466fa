package io.envaudit.agent.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header block of a core metadata file (a wheel's {@code METADATA}, an egg's {@code PKG-INFO}): the
 * RFC 822 fields before the first blank line, as Python's {@code email} parser reads them. A line that
 * starts with a space or tab continues the field before it; header names are case-insensitive.
 *
 * @param requiresDist every {@code Requires-Dist} value in order, markers and extras included
 */
public record CoreMetadata(String name, String version, List<String> requiresDist) {

    /**
     * Reads the fields the snapshot needs.
     *
     * @throws IllegalArgumentException when Name or Version is missing or empty
     */
    public static CoreMetadata parse(String text) {
        String name = null;
        String version = null;
        List<String> requires = new ArrayList<>();
        List<String[]> fields = fields(text);
        for (String[] field : fields) {
            switch (field[0].toLowerCase(Locale.ROOT)) {
                case "name" -> name = name == null ? field[1] : name;
                case "version" -> version = version == null ? field[1] : version;
                case "requires-dist" -> {
                    if (!field[1].isEmpty()) {
                        requires.add(field[1]);
                    }
                }
                default -> { }
            }
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("has no Name field");
        }
        if (version == null || version.isEmpty()) {
            throw new IllegalArgumentException("has no Version field");
        }
        return new CoreMetadata(name, version, List.copyOf(requires));
    }

    /** Name and value of each header field, continuation lines unfolded. */
    private static List<String[]> fields(String text) {
        List<String[]> fields = new ArrayList<>();
        int at = 0;
        int length = text.length();
        while (at < length) {
            int end = lineEnd(text, at);
            String line = text.substring(at, end);
            at = next(text, end);
            if (line.isBlank()) {
                break;
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && !fields.isEmpty()) {
                String[] last = fields.get(fields.size() - 1);
                last[1] = (last[1] + " " + line.strip()).strip();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // email's parser records a defect and skips such a line; so do we
            }
            fields.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
        }
        return fields;
    }

    private static int lineEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    private static int next(String text, int lineEnd) {
        if (lineEnd < text.length() && text.charAt(lineEnd) == '\r') {
            lineEnd++;
        }
        if (lineEnd < text.length() && text.charAt(lineEnd) == '\n') {
            lineEnd++;
        }
        return lineEnd;
    }
}
