package io.envaudit.engine.conda;

/**
 * The few Python {@code str} operations conda's parsers are written with, reproduced exactly so that
 * whitespace and stripping behave as in conda ({@code str.strip()} strips Unicode whitespace, which is
 * not what {@link String#strip()} strips for every character).
 */
final class PythonText {
    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one character, which is also what {@code \s} matches in a str pattern. */
    static boolean isSpace(char c) {
        // Java's isWhitespace leaves out the no-break spaces and NEL, which Python counts as whitespace.
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** Python's {@code str.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Python's {@code str.rstrip(c)} for a single character. */
    static String rstrip(String s, char c) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code str.lstrip(c)} for a single character. */
    static String lstrip(String s, char c) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == c) {
            start++;
        }
        return s.substring(start);
    }

    static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
