package io.envaudit.engine.version;

/**
 * Python's notion of white space ({@code str.isspace}, which is what {@code \s} matches in its
 * {@code re} module). The reference implementations strip it around versions and specifiers, so we
 * strip exactly the same set, no more (Java's {@code String.strip} differs on U+001C..U+001F and U+0085).
 */
public final class PythonWhitespace {
    private PythonWhitespace() {
    }

    public static boolean isSpace(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f', '\u0085', '\u00a0',
                 '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200a';
        };
    }

    public static String strip(String s) {
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
}
