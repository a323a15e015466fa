package io.envaudit.listings;

/**
 * A line of a listing that names no package envaudit can record, kept so that the conversion can say what
 * it left out instead of dropping it silently.
 *
 * @param line   the line number, from 1
 * @param text   the line as written (stripped)
 * @param reason why it is not a package of the snapshot
 */
public record SkippedLine(int line, String text, String reason) {

    @Override
    public String toString() {
        return "line " + line + " '" + text + "': " + reason;
    }
}
