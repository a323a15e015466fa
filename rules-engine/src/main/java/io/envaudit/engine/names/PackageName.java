package io.envaudit.engine.names;

import java.util.Locale;

/**
 * PEP 503 name normalization: "the name should be lowercased with all runs of the characters ., -, or
 * _ replaced with a single - character". {@code Typing_Extensions} and {@code typing-extensions} are one
 * distribution.
 */
public final class PackageName {
    private PackageName() {
    }

    public static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean inSeparatorRun = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                if (!inSeparatorRun) {
                    out.append('-');
                    inSeparatorRun = true;
                }
            } else {
                out.append(c);
                inSeparatorRun = false;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
