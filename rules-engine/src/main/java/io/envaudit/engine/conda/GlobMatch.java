package io.envaudit.engine.conda;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * conda's {@code GlobStrMatch}, used for package names and build strings: a value starting with
 * {@code ^} and ending with {@code $} is a regular expression; a value containing {@code *} is a glob
 * where {@code *} matches anything and every other character stands for itself; any other value must
 * be equal. Compiled once; {@link #matches} does no parsing.
 */
public final class GlobMatch {
    private final String value;
    private final Pattern pattern;

    private GlobMatch(String value, Pattern pattern) {
        this.value = value;
        this.pattern = pattern;
    }

    static GlobMatch of(String value, String kind, String input) {
        Objects.requireNonNull(value, "value");
        if (value.startsWith("^") && value.endsWith("$")) {
            return new GlobMatch(value, PythonRegex.compile(value, kind, input));
        }
        if (value.indexOf('*') >= 0) {
            return new GlobMatch(value, PythonRegex.compile(globToRegex(value), kind, input));
        }
        return new GlobMatch(value, null);
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder("^(?:");
        int start = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
            if (star > start) {
                regex.append(Pattern.quote(glob.substring(start, star)));
            }
            regex.append(".*");
            start = star + 1;
        }
        if (start < glob.length()) {
            regex.append(Pattern.quote(glob.substring(start)));
        }
        return regex.append(")$").toString();
    }

    /** Whether {@code candidate} matches; a missing value (null) never does. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return pattern == null ? value.equals(candidate) : PythonRegex.matchesFromStart(pattern, candidate, "MatchSpec", value);
    }

    /** True when this is a plain value rather than a glob or regular expression. */
    public boolean isExact() {
        return pattern == null;
    }

    /** True for {@code *}, which matches everything. */
    public boolean matchesAll() {
        return value.equals("*");
    }

    /** The value as written (lower-cased for names, as conda does). */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobMatch && ((GlobMatch) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
