package io.envaudit.engine.alerts;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.OffendingPackage;
import io.envaudit.schemas.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * From one audit to the next, what changed for each conflict of an environment: a conflict that
 * appears opens (or starts waived), one that a waiver now covers becomes WAIVED, one whose waiver ended
 * opens again, one that is gone resolves. Nothing is sent for a conflict that is unchanged, so an
 * environment that reports the same thing every five minutes produces no alert traffic. A conflict
 * whose rule became undecided (a version that no longer parses, a fact no longer reported) is kept as
 * it was: not knowing is not a fix.
 */
public final class AlertLifecycle {
    /** RESOLVED reasons. */
    public static final String FIXED = "fixed";
    public static final String RULE_DELETED = "rule-deleted";
    public static final String RETIRED = "retired";
    public static final String ENVIRONMENT_DELETED = "environment-deleted";
    /** OPEN again after being waived. */
    public static final String WAIVER_ENDED = "waiver-ended";

    private AlertLifecycle() {
    }

    /** The alerts to send, and the conflicts that stand after this audit. */
    public record Transition(List<ConflictAlert> alerts, Map<AlertKey, ConflictAlert> standing) {
    }

    /**
     * @param standing       the environment's conflicts as last sent (OPEN or WAIVED), by key
     * @param snapshot       the audited snapshot (host, labels, collection time)
     * @param result         its audit
     * @param ruleInScope    the rules whose conflicts are compared: all of them after a snapshot, the changed
     *                       ones in a re-audit after a rule change; the others stand as they are
     * @param resolvedReason why a conflict of a rule (by id) that is no longer found is resolved:
     *                       {@link #FIXED}, or {@link #RULE_DELETED} when the rule is gone
     */
    public static Transition next(Map<AlertKey, ConflictAlert> standing, EnvironmentSnapshot snapshot, AuditResult result,
                                  Predicate<String> ruleInScope, Function<String, String> resolvedReason) {
        Instant seen = snapshot.getCollectedAt();
        Map<AlertKey, ConflictAlert> next = new LinkedHashMap<>();
        List<ConflictAlert> alerts = new ArrayList<>();
        Set<AlertKey> undecided = new HashSet<>();
        for (Undecided u : result.undecided()) {
            undecided.add(new AlertKey(u.ruleId(), u.subject()));
        }
        for (Conflict conflict : result.conflicts()) {
            if (!ruleInScope.test(conflict.ruleId())) {
                continue;
            }
            AlertKey key = new AlertKey(conflict.ruleId(), conflict.subject());
            ConflictAlert before = standing.get(key);
            AlertState state = conflict.waived() ? AlertState.WAIVED : AlertState.OPEN;
            // an OPEN alert keeps its reason (waiver-ended) while it stays open: a later audit is no change
            String reason = conflict.waived() ? conflict.waivedBy()
                    : before == null ? null
                    : before.getState() == AlertState.WAIVED ? WAIVER_ENDED
                    : before.getState() == AlertState.OPEN ? before.getReason() : null;
            ConflictAlert now = alert(snapshot, conflict, state, reason, before == null ? seen : before.getFirstSeen(), seen);
            if (before == null || changed(before, now)) {
                alerts.add(now);
                next.put(key, now);
            } else {
                next.put(key, before);
            }
        }
        for (Map.Entry<AlertKey, ConflictAlert> entry : standing.entrySet()) {
            AlertKey key = entry.getKey();
            if (next.containsKey(key)) {
                continue;
            }
            if (!ruleInScope.test(key.ruleId()) || undecided.contains(key)) {
                next.put(key, entry.getValue());
            } else {
                alerts.add(resolved(entry.getValue(), resolvedReason.apply(key.ruleId()), seen));
            }
        }
        return new Transition(alerts, next);
    }

    /** Every standing conflict resolved, for a deleted rule, a retired or deleted environment. */
    public static List<ConflictAlert> resolveAll(Map<AlertKey, ConflictAlert> standing, String reason, Instant at) {
        List<ConflictAlert> alerts = new ArrayList<>(standing.size());
        for (ConflictAlert alert : standing.values()) {
            alerts.add(resolved(alert, reason, at));
        }
        return alerts;
    }

    public static ConflictAlert resolved(ConflictAlert alert, String reason, Instant at) {
        return ConflictAlert.newBuilder(alert).setState(AlertState.RESOLVED).setReason(reason)
                .setLastSeen(at.isAfter(alert.getLastSeen()) ? at : alert.getLastSeen()).build();
    }

    /** What a reader of the alert would see differently: state, reason, severity, packages or explanation. */
    private static boolean changed(ConflictAlert before, ConflictAlert now) {
        return before.getState() != now.getState() || !Objects.equals(before.getReason(), now.getReason())
                || before.getSeverity() != now.getSeverity() || !before.getOffending().equals(now.getOffending())
                || !before.getExplanation().equals(now.getExplanation());
    }

    private static ConflictAlert alert(EnvironmentSnapshot snapshot, Conflict conflict, AlertState state, String reason,
                                       Instant firstSeen, Instant lastSeen) {
        List<OffendingPackage> offending = new ArrayList<>(conflict.offending().size());
        for (PackageRef p : conflict.offending()) {
            offending.add(OffendingPackage.newBuilder().setName(p.name()).setVersion(p.version())
                    .setInstaller(Installer.valueOf(p.installer())).setChannel(p.channel()).setBuild(p.build()).build());
        }
        return ConflictAlert.newBuilder()
                .setEnvironmentId(snapshot.getEnvironment().getId())
                .setHostId(snapshot.getHost().getId())
                .setHostname(snapshot.getHost().getHostname())
                .setLabels(snapshot.getHost().getLabels())
                .setEnvironmentName(snapshot.getEnvironment().getName())
                .setPrefix(snapshot.getEnvironment().getPrefix())
                .setRuleId(conflict.ruleId())
                .setSeverity(Severity.valueOf(conflict.severity().name()))
                .setSubject(conflict.subject())
                .setState(state)
                .setReason(reason)
                .setOffending(offending)
                .setExplanation(conflict.explanation())
                .setFix(conflict.fix())
                .setFirstSeen(firstSeen)
                .setLastSeen(lastSeen)
                .build();
    }
}
