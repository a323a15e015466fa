package io.envaudit.engine.conda;

import io.envaudit.engine.version.PythonWhitespace;
import io.envaudit.engine.version.InvalidSpecException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code key=value} pairs of a MatchSpec's {@code [...]} section with the strict rules of
 * current conda: pairs are separated by commas and/or spaces; a value may be wrapped in single or
 * double quotes ("must be wrapped if value contains a comma, space, or equal sign"); an unquoted value
 * may contain a nested {@code [...]} (as in {@code when=python[version='>=2']}). A missing key or
 * value, a key given twice, text that is not a pair and a second bracket section are errors (older
 * conda skipped them silently). The deprecated {@code version<2} (an operator instead of {@code =})
 * is still read, as conda still reads it with a warning.
 *
 * <p>One pass, no backtracking: linear in the input.
 */
final class BracketScanner {
    private final String text;
    private final String input;
    private int pos;

    private BracketScanner(String text, String input) {
        this.text = text;
        this.input = input;
    }

    /** The pairs of {@code text} (the inside of the brackets), in order. */
    static Map<String, String> pairs(String text, String input) {
        return new BracketScanner(text, input).scan();
    }

    private Map<String, String> scan() {
        Map<String, String> pairs = new LinkedHashMap<>();
        int n = text.length();
        while (true) {
            while (pos < n && isSeparator(text.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                break;
            }
            int keyStart = pos;
            while (pos < n && isKeyChar(text.charAt(pos))) {
                pos++;
            }
            String key = text.substring(keyStart, pos);
            if (pos < n && text.charAt(pos) == '=') {
                pos++;
            } else if (!key.isEmpty() && pos < n && "<>!~".indexOf(text.charAt(pos)) >= 0) {
                // Deprecated "version<2": the operator starts the value.
            } else if (pairs.isEmpty()) {
                throw error("No key-value pairs found in square brackets; did you mean `extras=[" + text.strip() + "]`?");
            } else {
                throw error("unrecognized text in square brackets at '" + text.substring(keyStart) + "'");
            }
            String value = value();
            if (key.isEmpty() || value.isEmpty()) {
                throw error("key-value mismatch in brackets: a key or a value is missing");
            }
            if (pairs.containsKey(key)) {
                throw error("key-value mismatch in brackets: a key can only be specified once ('" + key + "')");
            }
            pairs.put(key, value);
        }
        if (pairs.isEmpty()) {
            throw error("No key-value pairs found in square brackets");
        }
        return pairs;
    }

    private String value() {
        int n = text.length();
        if (pos < n && isQuote(text.charAt(pos))) {
            char quote = text.charAt(pos);
            int close = text.indexOf(quote, pos + 1);
            if (close < 0) {
                throw error("unbalanced quote in square brackets");
            }
            String value = text.substring(pos + 1, close);
            pos = close + 1;
            if (pos < n && !isSeparator(text.charAt(pos))) {
                throw error("unrecognized text after quoted value '" + value + "'");
            }
            return value;
        }
        int start = pos;
        int depth = 0;
        while (pos < n) {
            char c = text.charAt(pos);
            if (isQuote(c)) {
                int close = text.indexOf(c, pos + 1);
                if (close < 0) {
                    throw error("unbalanced quote in square brackets");
                }
                pos = close + 1;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (--depth < 0) {
                    throw error("only one bracket section is allowed");
                }
            } else if (depth == 0 && isSeparator(c)) {
                break;
            }
            pos++;
        }
        if (depth > 0) {
            throw error("unbalanced '[' in square brackets");
        }
        return text.substring(start, pos);
    }

    private InvalidSpecException error(String reason) {
        return new InvalidSpecException(MatchSpec.KIND, input, reason);
    }

    private static boolean isSeparator(char c) {
        return c == ',' || PythonWhitespace.isSpace(c);
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
