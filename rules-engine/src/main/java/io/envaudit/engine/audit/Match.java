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
}
