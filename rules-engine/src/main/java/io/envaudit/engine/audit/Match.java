package io.envaudit.engine.audit;

/** Whether an installed package satisfies a spec: yes, no, or unknown (with the reason). */
record Match(Kind kind, String reason) {
    enum Kind { YES, NO, UNKNOWN }

    static final Match YES = new Match(Kind.YES, null);
    static final Match NO = new Match(Kind.NO, null);

    static Match unknown(String reason) {
        return new Match(Kind.UNKNOWN, reason);
    }

    boolean yes() {
        return kind == Kind.YES;
    }

    boolean unknown() {
        return kind == Kind.UNKNOWN;
    }

    boolean no() {
        return kind == Kind.NO;
    }

    /** Both, in three values: no when either is no, whatever the other; else unknown when either is (this one's reason first). */
    Match and(Match other) {
        if (no() || other.no()) {
            return NO;
        }
        return unknown() ? this : other;
    }
}
