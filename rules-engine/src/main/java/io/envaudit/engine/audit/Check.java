package io.envaudit.engine.audit;

import io.envaudit.engine.rules.Severity;

/**
 * A built-in check: a rule the engine knows without a rule file (declared requirements, conda depends,
 * duplicate installs, channel mixing). Each has a rule id, so it can be switched off or given another
 * severity in a rule file's {@code checks:} section, and waived like any rule.
 */
public interface Check {

    /** What a check is: its rule id, its severity unless a rule file sets another, one line for the docs. */
    record About(String id, Severity defaultSeverity, String description) {
    }

    About about();

    default String id() {
        return about().id();
    }

    default Severity defaultSeverity() {
        return about().defaultSeverity();
    }

    void run(EnvironmentView environment, Severity severity, AuditSink sink);
}
