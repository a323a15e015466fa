package io.envaudit.engine.version;

/** Quotes user input for error messages: bounded in length, control characters made visible. */
public final class Quoting {
    private static final int MAX_SHOWN = 80;

    private Quoting() {
    }

    public static String quote(String input) {
        if (input == null) {
            return "(null)";
        }
        StringBuilder out = new StringBuilder(Math.min(input.length(), MAX_SHOWN) + 16).append('\'');
        int shown = 0;
        for (int i = 0; i < input.length() && shown < MAX_SHOWN; i++, shown++) {
            char c = input.charAt(i);
            if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (input.length() > MAX_SHOWN) {
            out.append("... (").append(input.length()).append(" characters)");
        }
        return out.toString();
    }
}
