package io.envaudit.engine.audit;

import io.envaudit.engine.rules.Severity;

/**
 * A built-in check: a rule the engine knows without a rule file (declared requirements, conda depends,
 * duplicate installs, channel mixing). Each has a rule id, so it can be switched off or given another
 * severity in a rule file's {@code checks:} section, and waived like any rule.
 */
public interface Check {
    String id();

    Severity defaultSeverity();

    /** One line for {@code rules list} and the docs. */
    String description();

    void run(EnvironmentView environment, Severity severity, AuditSink sink);
}
