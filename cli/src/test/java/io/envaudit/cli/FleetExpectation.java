package io.envaudit.cli;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the auditor's gauges should count for a set of snapshots, decided by the engine the streaming auditor runs
 * (the default pack and every built-in check, the default drift threshold), so that a test compares the metrics
 * with the fleet rather than with numbers written down.
 */
final class FleetExpectation {
    /** One environment as the counts see it. */
    record Environment(String team, String state, String highestSeverity, Set<String> driftingRules, List<Conflict> open) {
    }

    private FleetExpectation() {
    }

    /**
     * @param stale the environment ids the auditor has marked stale
     */
    static List<Environment> of(List<EnvironmentSnapshot> snapshots, Set<String> stale, Instant now) {
        Auditor auditor = new Auditor(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), now).ruleSet(), BuiltInChecks.all());
        List<Environment> environments = new ArrayList<>();
        for (EnvironmentSnapshot snapshot : snapshots) {
            AuditResult audit = auditor.audit(EnvironmentView.of(snapshot), now);
            String team = snapshot.getHost().getLabels().getOrDefault("team", "");
            boolean isStale = stale.contains(snapshot.getEnvironment().getId());
            boolean drifted = !isStale && audit.drifted(Severity.WARNING);
            Set<String> drifting = new TreeSet<>();
            if (drifted) {
                audit.open().stream().filter(c -> c.severity().atLeast(Severity.WARNING)).forEach(c -> drifting.add(c.ruleId()));
            }
            environments.add(new Environment(team, isStale ? "stale" : drifted ? "drifted" : "compliant",
                    drifted ? lower(audit.highestOpenSeverity().orElseThrow()) : null, drifting, audit.open()));
        }
        return environments;
    }

    static String lower(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }
}
