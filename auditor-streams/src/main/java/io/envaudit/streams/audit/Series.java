package io.envaudit.streams.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A counted series: a metric name and its labels, as one store key ({@code name NUL label NUL value ...}),
 * which no label value can break since none contains NUL.
 */
public record Series(String name, Map<String, String> labels) {
    private static final char SEPARATOR = '\u0000';
    /** Keys of the counts store that hold a setting, not a series, start with this (no series name is empty). */
    static final String SETTING_PREFIX = String.valueOf(SEPARATOR);

    /** Whether a key of the counts store is a series. */
    public static boolean isSeries(String key) {
        return !key.startsWith(SETTING_PREFIX);
    }

    static String key(String name, String... labelsAndValues) {
        StringBuilder key = new StringBuilder(name);
        for (String part : labelsAndValues) {
            key.append(SEPARATOR).append(part.replace(SEPARATOR, ' '));
        }
        return key.toString();
    }

    public static Series parse(String key) {
        String[] parts = key.split(String.valueOf(SEPARATOR), -1);
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 1; i + 1 < parts.length; i += 2) {
            labels.put(parts[i], parts[i + 1]);
        }
        return new Series(parts[0], labels);
    }
}
