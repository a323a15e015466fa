package io.envaudit.engine.pep508;

/**
 * Three-valued logic (Kleene's) for markers: an environment fact we do not know makes a comparison
 * {@link #UNKNOWN}, and {@code and}/{@code or} keep it unknown only when the known parts do not decide.
 * An unknown fact must never produce a conflict, so callers treat UNKNOWN as "do not fire".
 */
public enum Truth {
    FALSE, UNKNOWN, TRUE;

    /** {@link #values()} copies its array on every call; and/or index this one. */
    private static final Truth[] BY_ORDINAL = values();

    public static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public Truth and(Truth other) {
        return BY_ORDINAL[Math.min(ordinal(), other.ordinal())];
    }

    public Truth or(Truth other) {
        return BY_ORDINAL[Math.max(ordinal(), other.ordinal())];
    }
}
