package io.envaudit.engine.conda;

/**
 * The few Python {@code str} operations conda's parsers are written with, beside
 * {@link io.envaudit.engine.version.PythonWhitespace} (Python's {@code str.isspace} and {@code str.strip}).
 */
final class PythonText {
    private PythonText() {
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
