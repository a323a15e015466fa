package io.envaudit.streams.metrics;

import java.util.Map;
import java.util.TreeMap;

/** Reads Prometheus's text exposition, as a scrape returns it, into its samples. */
public final class MetricsText {
    private MetricsText() {
    }

    /** Each sample line's value, by its series as written: {@code name{label="value",...}} (or the bare name). */
    public static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}
