package io.envaudit.engine.audit;

import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.RuleSet;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.rules.Waiver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one engine that decides conflicts, in the stream, in {@code envaudit audit} and in tests: the
 * rules that may fire (looked up by the packages present), the enabled built-in checks, then the
 * waivers active at the audit's time. Immutable once built, so one instance serves many threads.
 */
public final class Auditor {
    private final RuleIndex index;
    private final List<Waiver> waivers;
    private final List<EnabledCheck> checks;

    /** A built-in check an auditor runs, at its own severity or the one a rule file's {@code checks:} sets. */
    public record EnabledCheck(Check check, Severity severity) {
    }

    public Auditor(RuleSet rules, List<Check> builtInChecks) {
        this.index = new RuleIndex(rules.rules());
        this.waivers = rules.waivers();
        List<EnabledCheck> enabled = new ArrayList<>();
        for (Check check : builtInChecks) {
            RuleSet.CheckSetting setting = rules.checks().get(check.id());
            if (setting == null) {
                enabled.add(new EnabledCheck(check, check.defaultSeverity()));
            } else if (setting.enabled()) {
                enabled.add(new EnabledCheck(check, setting.severity() != null ? setting.severity() : check.defaultSeverity()));
            }
        }
        this.checks = List.copyOf(enabled);
    }

    public AuditResult audit(EnvironmentView environment, Instant now) {
        List<Conflict> conflicts = new ArrayList<>();
        List<Undecided> undecided = new ArrayList<>();
        AuditSink sink = new AuditSink() {
            @Override
            public void conflict(Conflict conflict) {
                conflicts.add(waive(conflict, environment, now));
            }

            @Override
            public void undecided(Undecided reason) {
                undecided.add(reason);
            }
        };
        for (Rule rule : index.candidates(environment)) {
            RuleEvaluator.evaluate(rule, environment, sink);
        }
        for (EnabledCheck enabled : checks) {
            enabled.check().run(environment, enabled.severity(), sink);
        }
        return new AuditResult(environment.id(), conflicts, undecided);
    }

    private Conflict waive(Conflict conflict, EnvironmentView environment, Instant now) {
        for (Waiver waiver : waivers) {
            if (waiver.ruleId().equals(conflict.ruleId()) && waiver.activeAt(now)
                    && ScopeCheck.covers(waiver.scope(), environment.snapshot())) {
                return conflict.waivedBy(waiver.id());
            }
        }
        return conflict;
    }

    /** The built-in checks this auditor runs, in the order it runs them. */
    public List<EnabledCheck> enabledChecks() {
        return checks;
    }

    public int ruleCount() {
        return index.size();
    }
}
