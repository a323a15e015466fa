package io.envaudit.streams.metrics;

import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.rules.Severity;
import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.streams.dlq.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The auditor's counters in a Micrometer registry, named as Prometheus shows them:
 * <ul>
 * <li>{@code envaudit_snapshots_audited_total{kind}}: content, heartbeat, deletion, late;
 * <li>{@code envaudit_dead_letters_total{reason}}: records sent to the dead-letter topic, by reason code;
 * <li>{@code envaudit_alerts_opened_total{severity}} and {@code envaudit_alerts_resolved_total{reason}};
 * <li>{@code envaudit_audit_latency_seconds}: a histogram, collection time to alerts and status sent;
 * <li>{@code envaudit_rules_rejected_total}: published rules the rule check refused.
 * </ul>
 * Every series of a known label value exists from the start at 0, so a rate sees a series' first increase.
 */
public final class AuditorMeters implements AuditCounters {
    /**
     * The latency histogram's buckets, fixed rather than Micrometer's generated percentile buckets: a few
     * boundaries a dashboard and an alert can name, from a live fleet's seconds to a backlog's hours and an
     * agent that published days late (over 3 days, only {@code +Inf}).
     */
    static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(3));
    /** The reasons of {@code envaudit_alerts_resolved_total}, each a series from the start. */
    public static final List<String> RESOLVED_REASONS = List.of(AlertLifecycle.FIXED, AlertLifecycle.RULE_DELETED,
            AlertLifecycle.ENVIRONMENT_DELETED, AlertLifecycle.RETIRED, AuditCounters.WAIVED);

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter rulesRejected;
    // built once per label value: an increment is on each record's path, and a registry lookup each time is not
    private final Map<String, Counter> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> opened = new ConcurrentHashMap<>();
    private final Map<String, Counter> resolved = new ConcurrentHashMap<>();

    public AuditorMeters(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("envaudit_audit_latency")
                .description("Time from a snapshot's collection to its alerts and status being sent (content and heartbeat snapshots)")
                .serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
                .register(registry);
        this.rulesRejected = Counter.builder("envaudit_rules_rejected")
                .description("Published rules dead-lettered because they do not load").register(registry);
        for (SnapshotKind kind : SnapshotKind.values()) {
            snapshots(kind.label());
        }
        DeadLetterReason.all().forEach(this::deadLetters);
        for (Severity severity : Severity.values()) {
            opened(severity.label());
        }
        RESOLVED_REASONS.forEach(this::resolved);
    }

    @Override
    public void snapshot(SnapshotKind kind) {
        snapshots(kind.label()).increment();
    }

    @Override
    public void auditLatency(Duration latency) {
        this.latency.record(latency);
    }

    @Override
    public void alertOpened(String severity) {
        opened(severity).increment();
    }

    @Override
    public void alertResolved(String reason) {
        resolved(reason).increment();
    }

    @Override
    public void deadLettered(String reason) {
        deadLetters(reason).increment();
    }

    @Override
    public void ruleRejected() {
        rulesRejected.increment();
    }

    private Counter snapshots(String kind) {
        return snapshots.computeIfAbsent(kind, k -> Counter.builder("envaudit_snapshots_audited")
                .description("Snapshot records processed, by what they turned out to be").tag("kind", k).register(registry));
    }

    private Counter deadLetters(String reason) {
        return deadLetters.computeIfAbsent(reason, r -> Counter.builder("envaudit_dead_letters")
                .description("Records sent to the dead-letter topic, by reason code").tag("reason", r).register(registry));
    }

    private Counter opened(String severity) {
        return opened.computeIfAbsent(severity, s -> Counter.builder("envaudit_alerts_opened")
                .description("OPEN alert records for conflicts that were not open").tag("severity", s).register(registry));
    }

    private Counter resolved(String reason) {
        return resolved.computeIfAbsent(reason, r -> Counter.builder("envaudit_alerts_resolved")
                .description("RESOLVED alert records by reason, and open alerts waived").tag("reason", r).register(registry));
    }
}
