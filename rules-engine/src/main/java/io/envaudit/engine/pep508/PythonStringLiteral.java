package io.envaudit.engine.pep508;

/**
 * The value of a quoted string in a marker. {@code packaging} reads it with Python's
 * {@code ast.literal_eval}, so backslash escapes mean what they mean in Python source.
 */
final class PythonStringLiteral {
    private PythonStringLiteral() {
    }

    /** {@code quoted} includes its quotes; returns null when Python would reject it. */
    static String value(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.indexOf('\0') >= 0) {
            return null; // "source code string cannot contain null bytes"
        }
        if (body.indexOf('\\') < 0) {
            return body.indexOf('\n') >= 0 || body.indexOf('\r') >= 0 ? null : body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r') {
                return null;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == body.length()) {
                return null; // a trailing backslash escapes the closing quote
            }
            char e = body.charAt(i);
            switch (e) {
                case '\n' -> { } // line continuation
                case '\r' -> { // the same: Python reads \r\n and a lone \r as \n
                    if (i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits >= body.length()) {
                        return null;
                    }
                    long code = 0;
                    for (int d = i + 1; d <= i + digits; d++) {
                        int digit = asciiHexDigit(body.charAt(d));
                        if (digit < 0) {
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    if (code > Character.MAX_CODE_POINT) {
                        return null;
                    }
                    out.appendCodePoint((int) code);
                    i += digits;
                }
                case 'N' -> {
                    int close = body.indexOf('}', i);
                    if (i + 1 >= body.length() || body.charAt(i + 1) != '{' || close < 0) {
                        return null;
                    }
                    int named = UnicodeCharacterName.codePoint(body.substring(i + 2, close));
                    if (named < 0) {
                        return null;
                    }
                    out.appendCodePoint(named);
                    i = close;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < body.length() && end < i + 3 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                            end++;
                        }
                        out.appendCodePoint(Integer.parseInt(body, i, end, 8));
                        i = end - 1;
                    } else {
                        out.append('\\').append(e); // unknown escapes stay as written
                    }
                }
            }
        }
        return out.toString();
    }

    /** Python's escapes take ASCII hex digits only; {@link Character#digit} would take any script's. */
    private static int asciiHexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
