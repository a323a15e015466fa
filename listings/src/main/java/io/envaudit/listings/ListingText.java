package io.envaudit.listings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing's text as numbered lines. Listings are pasted from Windows as often as from Linux, so a line
 * ends at a line feed with a carriage return before it dropped; a UTF-8 byte order mark is skipped; a last
 * line without a line feed counts. Bytes that are not UTF-8 (a cp1252 path in a Windows prefix) become
 * U+FFFD rather than failing the whole file.
 */
public final class ListingText {
    private final String source;
    private final List<String> lines;

    private ListingText(String source, List<String> lines) {
        this.source = source;
        this.lines = List.copyOf(lines);
    }

    /** @param source what error messages call the listing: a file name, or {@code -} for stdin */
    public static ListingText of(String source, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            int next = end < 0 ? body.length() : end + 1;
            int stop = end < 0 ? body.length() : end;
            if (stop > start && body.charAt(stop - 1) == '\r') {
                stop--;
            }
            lines.add(body.substring(start, stop));
            start = next;
        }
        return new ListingText(source, lines);
    }

    public static ListingText of(String source, byte[] bytes) {
        return of(source, new String(bytes, StandardCharsets.UTF_8));
    }

    public String source() {
        return source;
    }

    /** The lines, line 1 first. */
    public List<String> lines() {
        return lines;
    }

    /** The text with line feeds only, for readers (YAML) that count lines themselves. */
    public String text() {
        return String.join("\n", lines);
    }

    /** A reading error at a line of this listing. */
    public ListingException error(int line, String problem) {
        return new ListingException(source, line, problem);
    }
}
