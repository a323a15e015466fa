package io.envaudit.listings;

/**
 * A listing that cannot be read as the format it is taken for: the message names the source, the line
 * (when one is to blame) and what was expected there.
 */
public final class ListingException extends IllegalArgumentException {
    private final String source;
    private final int line;

    /** @param line the line to blame, counted from 1; 0 when the problem is the whole listing */
    public ListingException(String source, int line, String problem) {
        super((line > 0 ? source + ":" + line : source) + ": " + problem);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
