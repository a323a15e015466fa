package io.envaudit.engine.audit;

/** Where rules and checks report what they find. */
public interface AuditSink {
    void conflict(Conflict conflict);

    void undecided(Undecided undecided);
}
