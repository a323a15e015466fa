package io.envaudit.engine.pep440;

import java.util.Locale;

/**
 * A local version label ({@code +ubuntu.1}, {@code +cu121}): segments split on {@code -_.}, numeric
 * segments compared as numbers and ranked above alphanumeric ones, as PEP 440 says ("Comparison and
 * ordering of local versions considers each segment of the local version (divided by a .) separately.
 * If a segment consists entirely of ASCII digits then that section should be considered an integer
 * for comparison purposes and if a segment contains any ASCII letters then that segment is compared
 * lexicographically with case insensitivity. When comparing a numeric and lexicographic segment, the
 * numeric section always compares as greater than the lexicographic segment.").
 */
final class LocalLabel {
    /** Each segment is a Long (numeric) or a lower-case String. */
    private final Object[] segments;

    private LocalLabel(Object[] segments) {
        this.segments = segments;
    }

    static LocalLabel parse(String input, String label) {
        String[] parts = label.split("[-_.]");
        Object[] segments = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            segments[i] = isDigits(part) ? (Object) Pep440Version.number(input, part) : part.toLowerCase(Locale.ROOT);
        }
        return new LocalLabel(segments);
    }

    /** ASCII digits only: PEP 440's numbers are ASCII, whatever Java's {@code Character.isDigit} accepts. */
    static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Null (no label) sorts before any label; then segment by segment; a longer label with equal prefix is greater. */
    static int compare(LocalLabel a, LocalLabel b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int n = Math.min(a.segments.length, b.segments.length);
        for (int i = 0; i < n; i++) {
            int c = compareSegment(a.segments[i], b.segments[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.segments.length, b.segments.length);
    }

    private static int compareSegment(Object x, Object y) {
        if (x instanceof Long xn) {
            return y instanceof Long yn ? Long.compare(xn, yn) : 1;
        }
        return y instanceof Long ? -1 : ((String) x).compareTo((String) y);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalLabel other && compare(this, other) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(segments);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(segments[i]);
        }
        return out.toString();
    }
}
