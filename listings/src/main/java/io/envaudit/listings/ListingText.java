package io.envaudit.listings;

import io.envaudit.engine.text.NotTextException;
import io.envaudit.engine.text.TextBytes;

import java.util.ArrayList;
import java.util.List;

/**
 * A listing's text as numbered lines. Listings are pasted from Windows as often as from Linux, so a line
 * ends at a line feed with a carriage return before it dropped, and a last line without a line feed counts.
 * Its bytes are UTF-8 (a byte order mark allowed) or UTF-16 with its byte order mark (Windows PowerShell's
 * {@code conda list > env.txt}); anything else is not read, since garbled text would become garbled packages.
 */
public final class ListingText {
    private final String source;
    private final List<String> lines;

    private ListingText(String source, List<String> lines) {
        this.source = source;
        this.lines = List.copyOf(lines);
    }

    /**
     * @param source what error messages call the listing: a file name, or {@code -} for stdin
     * @param text   the decoded text, without a byte order mark
     */
    public static ListingText of(String source, String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            int stop = end < 0 ? text.length() : end;
            if (stop > start && text.charAt(stop - 1) == '\r') {
                stop--;
            }
            lines.add(text.substring(start, stop));
            start = next;
        }
        return new ListingText(source, lines);
    }

    /** @throws ListingException when the bytes are not text, naming the source and the offset of the first bad byte */
    public static ListingText of(String source, byte[] bytes) {
        return of(source, decode(source, bytes));
    }

    /**
     * The text of a file a listing may be in ({@link TextBytes}), for a reader that has yet to tell a listing from
     * snapshot JSON.
     *
     * @throws ListingException when the bytes are not text, naming the source and the offset of the first bad byte
     */
    public static String decode(String source, byte[] bytes) {
        try {
            return TextBytes.decode(source, bytes);
        } catch (NotTextException e) {
            throw new ListingException(source, 0, e.problem());
        }
    }

    /** Whether the listing has nothing but white space in it. */
    boolean isBlank() {
        return lines.stream().allMatch(String::isBlank);
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
