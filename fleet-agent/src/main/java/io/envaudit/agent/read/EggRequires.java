package io.envaudit.agent.read;

import java.util.ArrayList;
import java.util.List;

/**
 * An egg's {@code requires.txt} as {@code Requires-Dist} lines, the way Python's {@code importlib.metadata}
 * (and so pip) converts it: requirements before any section apply always; a section {@code [extra]} adds
 * {@code extra == "extra"}, {@code [:marker]} adds the marker, {@code [extra:marker]} adds
 * {@code (marker) and extra == "extra"}. Comments ({@code #}) and blank lines are skipped.
 */
public final class EggRequires {
    private EggRequires() {
    }

    public static List<String> toRequiresDist(String requiresTxt) {
        List<String> out = new ArrayList<>();
        String section = "";
        for (String raw : requiresTxt.split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            // importlib.metadata puts a space after a URL requirement so that ';' is not read as part of the URL
            String space = line.contains("@") ? " " : "";
            out.add(line + space + marker(section));
        }
        return List.copyOf(out);
    }

    private static String marker(String section) {
        int colon = section.indexOf(':');
        String extra = colon < 0 ? section : section.substring(0, colon);
        String markers = colon < 0 ? "" : section.substring(colon + 1);
        if (!extra.isEmpty() && !markers.isEmpty()) {
            markers = "(" + markers + ")";
        }
        List<String> conditions = new ArrayList<>(2);
        if (!markers.isEmpty()) {
            conditions.add(markers);
        }
        if (!extra.isEmpty()) {
            conditions.add("extra == \"" + extra + "\"");
        }
        return conditions.isEmpty() ? "" : "; " + String.join(" and ", conditions);
    }
}
