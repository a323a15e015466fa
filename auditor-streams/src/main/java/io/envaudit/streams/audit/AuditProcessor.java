package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertKey;
import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.EnvironmentState;
import io.envaudit.schemas.EnvironmentStatus;
import io.envaudit.schemas.ReauditQueue;
import io.envaudit.schemas.RuleKind;
import io.envaudit.schemas.StoredEnvironment;
import io.envaudit.streams.audit.AuditCounters.SnapshotKind;
import io.envaudit.streams.rules.RuleRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The audit of one partition.
 * <ul>
 * <li>A snapshot: a later one with new content is audited, what changed goes to the alerts, and the status
 * follows; one with the same content (a heartbeat) only moves the status's last-seen time on, and only
 * once time has moved by a tenth of the stale TTL; an older one is ignored; a tombstone resolves
 * everything of its environment and deletes its status.
 * <li>A rule or waiver (the partition's copy, from the broadcast topic): store it, then re-audit the
 * partition's environments for that rule, a chunk now and the rest from a punctuator, so a new rule opens
 * alerts on environments already reported, an edited one re-evaluates them and a deleted one resolves them.
 * <li>A wall-clock sweep: expired waivers re-audit their rule; an environment silent past the stale TTL
 * turns stale, and past the retention is retired.
 * </ul>
 * Every change of a status or of standing conflicts also moves the partition's counts
 * ({@link PartitionCounts}), in the same transaction; counts built with another drift threshold are rebuilt
 * from the statuses before the task does anything else. What happens is also counted ({@link AuditCounters}):
 * snapshots by kind, alerts opened and resolved, the audit latency.
 * Standing conflicts are stored one per key, {@code environment id NUL rule id NUL subject}, so one
 * environment's are found by a prefix scan and each changes alone.
 */
final class AuditProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    static final String RULES = "rules";
    static final String ENVIRONMENTS = "environments";
    static final String STATUSES = "statuses";
    static final String STANDING = "standing-conflicts";
    static final String REAUDITS = "reaudits";
    static final String COUNTS = "counts";
    /** How often a pending re-audit takes its next chunk; each chunk is its own step between commits. */
    static final Duration REAUDIT_INTERVAL = Duration.ofMillis(100);
    private static final char SEPARATOR = '\u0000';

    private final String snapshotsTopic;
    private final List<Check> builtInChecks;
    private final Set<String> builtInCheckIds;
    private final AuditSettings settings;
    private final StoredEnvironments storedEnvironments;
    /** Last-seen times are recorded to this precision, so heartbeats do not rewrite the status each time. */
    private final Duration lastSeenGranularity;
    private final AuditCounters counters;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CompatibilityRule> rules;
    private KeyValueStore<String, StoredEnvironment> environments;
    private KeyValueStore<String, EnvironmentStatus> statuses;
    private KeyValueStore<String, ConflictAlert> standing;
    private Reaudits reaudits;
    private PartitionCounts counts;
    /** Built from the rules store on first use, dropped when a rule changes. */
    private Auditor auditor;
    /** Whether this task has checked, since its last init, that the counts follow the drift threshold in force. */
    private boolean countsFollowThreshold;

    AuditProcessor(String snapshotsTopic, List<Check> builtInChecks, AuditSettings settings, StoredEnvironments storedEnvironments,
                   AuditCounters counters) {
        this.snapshotsTopic = snapshotsTopic;
        this.builtInChecks = builtInChecks;
        this.builtInCheckIds = Set.copyOf(builtInChecks.stream().map(Check::id).toList());
        this.settings = settings;
        this.storedEnvironments = storedEnvironments;
        this.lastSeenGranularity = settings.staleAfter().dividedBy(10);
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.rules = context.getStateStore(RULES);
        this.environments = context.getStateStore(ENVIRONMENTS);
        this.statuses = context.getStateStore(STATUSES);
        this.standing = context.getStateStore(STANDING);
        this.reaudits = new Reaudits(context.<KeyValueStore<String, ReauditQueue>>getStateStore(REAUDITS));
        this.counts = new PartitionCounts(context.getStateStore(COUNTS), settings.driftThreshold());
        this.auditor = null; // a task restarted after an aborted transaction reuses this object: its rules may have rolled back
        this.countsFollowThreshold = false; // and so may its counts
        context.schedule(REAUDIT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            followThreshold(now);
            reauditStep(now);
        });
        context.schedule(sweepInterval(settings.staleAfter()), PunctuationType.WALL_CLOCK_TIME, now -> {
            followThreshold(now);
            sweep(now);
        });
    }

    /**
     * On the task's first record or punctuation (statuses can be sent from there, not from init): counts built
     * with another drift threshold (the auditor restarted with another {@code --drift-threshold}) would mix old
     * and new, so the environments' states are worked out again with this threshold (statuses keep their
     * highest open severity; stale ones stay stale), the changed statuses sent, and the counts rebuilt from them.
     */
    private void followThreshold(long timestamp) {
        if (countsFollowThreshold || counts.builtWithThisThreshold()) {
            countsFollowThreshold = true;
            return;
        }
        counts.clear();
        List<EnvironmentStatus> restated = new ArrayList<>();
        try (KeyValueIterator<String, EnvironmentStatus> it = statuses.all()) {
            it.forEachRemaining(entry -> {
                EnvironmentStatus now = EnvironmentStatuses.restated(entry.value, settings.driftThreshold());
                counts.change(null, List.of(), now, standingOf(entry.key).values());
                if (!now.equals(entry.value)) {
                    restated.add(now);
                }
            });
        }
        restated.forEach(status -> putStatus(status.getEnvironmentId(), status, timestamp));
        counts.markBuiltWithThisThreshold();
        countsFollowThreshold = true; // only now: a rebuild that threw is tried again, never left half done
    }

    /** A twentieth of the stale TTL, between a second and a minute. */
    static Duration sweepInterval(Duration staleAfter) {
        Duration twentieth = staleAfter.dividedBy(20);
        return twentieth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : twentieth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : twentieth;
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        followThreshold(record.timestamp());
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(snapshotsTopic);
        if (topic.equals(snapshotsTopic)) {
            snapshot(record.key(), (EnvironmentSnapshot) record.value(), record.timestamp());
        } else {
            rule(record.key(), (CompatibilityRule) record.value(), record.timestamp());
        }
    }

    private void snapshot(String environmentId, EnvironmentSnapshot snapshot, long timestamp) {
        if (snapshot == null) {
            forget(environmentId, AlertLifecycle.ENVIRONMENT_DELETED, Instant.ofEpochMilli(timestamp), timestamp);
            counters.snapshot(SnapshotKind.DELETION);
            return;
        }
        EnvironmentStatus status = statuses.get(environmentId);
        if (status != null && snapshot.getCollectedAt().isBefore(status.getLastSeen())) {
            counters.snapshot(SnapshotKind.LATE); // an older snapshot arriving late changes nothing
            return;
        }
        StoredEnvironments.Content content = storedEnvironments.contentOf(snapshot);
        StoredEnvironment known = environments.get(environmentId);
        if (status != null && known != null && known.getContentFingerprint() == content.fingerprint()) {
            heartbeat(environmentId, status, snapshot.getCollectedAt(), timestamp);
            counted(SnapshotKind.HEARTBEAT, snapshot);
            return;
        }
        audit(environmentId, snapshot, status, rule -> true, true, timestamp);
        // stored only once audited: a snapshot whose audit failed is dead-lettered, and its replay must not pass for a heartbeat
        environments.put(environmentId, storedEnvironments.stored(content, snapshot.getCollectedAt()));
        counted(SnapshotKind.CONTENT, snapshot);
    }

    /** A snapshot dealt with: its kind, and how long after its collection its alerts and status went out (0 if the agent's clock is ahead). */
    private void counted(SnapshotKind kind, EnvironmentSnapshot snapshot) {
        counters.snapshot(kind);
        Duration latency = Duration.between(snapshot.getCollectedAt(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        counters.auditLatency(latency.isNegative() ? Duration.ZERO : latency);
    }

    /** The same content again: the status's last-seen time moves on, coarsely, and a stale one wakes up. */
    private void heartbeat(String environmentId, EnvironmentStatus status, Instant seenAt, long timestamp) {
        boolean stale = status.getState() == EnvironmentState.STALE;
        if (!stale && Duration.between(status.getLastSeen(), seenAt).compareTo(lastSeenGranularity) < 0) {
            return;
        }
        EnvironmentStatus seen = EnvironmentStatuses.seen(status, seenAt, settings.driftThreshold());
        if (seen.getState() != status.getState()) {
            Collection<ConflictAlert> conflicts = standingOf(environmentId).values();
            counts.change(status, conflicts, seen, conflicts);
        }
        putStatus(environmentId, seen, timestamp);
    }

    private void rule(String id, CompatibilityRule record, long timestamp) {
        CompatibilityRule previous = rules.get(id);
        if (record == null) {
            rules.delete(id);
        } else {
            rules.put(id, record);
        }
        auditor = null;
        CompatibilityRule described = record != null ? record : previous;
        if (described == null) {
            return; // a tombstone for something this partition never had
        }
        reaudits.add(described.getKind() == RuleKind.WAIVER ? described.getRuleId() : id);
        if (previous != null && previous.getKind() == RuleKind.WAIVER && record != null
                && !previous.getRuleId().equals(record.getRuleId())) {
            reaudits.add(previous.getRuleId()); // a waiver moved to another rule no longer covers the first one's conflicts
        }
        reauditStep(timestamp);
    }

    private void reauditStep(long timestamp) {
        reaudits.step(environments, settings.reauditChunk(), (environmentId, environment, ruleIds) ->
                audit(environmentId, storedEnvironments.snapshotOf(environment), statuses.get(environmentId),
                        ruleIds::contains, false, timestamp));
    }

    /**
     * Audits the environment, sends the alerts of the rules in scope that changed and the status when it
     * changed. {@code reported}: the environment itself just reported (not a re-audit).
     */
    private void audit(String environmentId, EnvironmentSnapshot snapshot, EnvironmentStatus status, Predicate<String> ruleInScope,
                       boolean reported, long timestamp) {
        Map<AlertKey, ConflictAlert> before = standingOf(environmentId);
        AuditResult result = auditor().audit(EnvironmentView.of(snapshot), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        AlertLifecycle.Transition transition = AlertLifecycle.next(before, snapshot, result, ruleInScope, this::resolvedReason);
        EnvironmentStatus next = EnvironmentStatuses.of(snapshot, result, settings.driftThreshold(), status, reported);
        // everything computed, nothing written yet: a failure above leaves the stores as they were
        send(transition.alerts(), timestamp);
        countAlerts(before, transition.alerts());
        for (AlertKey key : before.keySet()) {
            if (!transition.standing().containsKey(key)) {
                standing.delete(storeKey(environmentId, key));
            }
        }
        for (ConflictAlert alert : transition.alerts()) {
            AlertKey key = new AlertKey(alert.getRuleId(), alert.getSubject());
            if (transition.standing().containsKey(key)) {
                standing.put(storeKey(environmentId, key), alert);
            }
        }
        counts.change(status, before.values(), next, transition.standing().values());
        if (!next.equals(status)) {
            putStatus(environmentId, next, timestamp);
        }
    }

    /** A conflict no longer found was fixed, unless its rule is gone. */
    private String resolvedReason(String ruleId) {
        return builtInCheckIds.contains(ruleId) || rules.get(ruleId) != null ? AlertLifecycle.FIXED : AlertLifecycle.RULE_DELETED;
    }

    /**
     * The wall-clock sweep: silent environments turn stale, then are retired; waivers that expired since the
     * last sweep re-audit their rule, so their alerts open again (last, so that a re-audit's trouble cannot
     * hold the rest back).
     */
    private void sweep(long now) {
        Instant at = Instant.ofEpochMilli(now);
        List<KeyValue<String, EnvironmentStatus>> turningStale = new ArrayList<>();
        List<String> retiring = new ArrayList<>();
        try (KeyValueIterator<String, EnvironmentStatus> it = statuses.all()) {
            it.forEachRemaining(entry -> {
                // last-seen times may lag the truth by up to the granularity: wait that much longer, never mark early
                Duration silence = Duration.between(entry.value.getLastSeen(), at).minus(lastSeenGranularity);
                if (!settings.retireAfter().isZero() && silence.compareTo(settings.retireAfter()) >= 0) {
                    retiring.add(entry.key);
                } else if (silence.compareTo(settings.staleAfter()) >= 0 && entry.value.getState() != EnvironmentState.STALE) {
                    turningStale.add(entry);
                }
            });
        }
        for (KeyValue<String, EnvironmentStatus> entry : turningStale) {
            EnvironmentStatus stale = EnvironmentStatuses.stale(entry.value);
            Collection<ConflictAlert> conflicts = standingOf(entry.key).values();
            counts.change(entry.value, conflicts, stale, conflicts);
            putStatus(entry.key, stale, now);
        }
        retiring.forEach(environmentId -> forget(environmentId, AlertLifecycle.RETIRED, at, now));

        // a marker never set (new state) is the epoch: a waiver that expired before counts once, re-auditing its rule
        Instant expiredUntil = reaudits.waiversExpiredUntil() != null ? reaudits.waiversExpiredUntil() : Instant.EPOCH;
        try (KeyValueIterator<String, CompatibilityRule> it = rules.all()) {
            it.forEachRemaining(entry -> {
                CompatibilityRule waiver = entry.value;
                if (waiver.getKind() == RuleKind.WAIVER && waiver.getExpires() != null
                        && waiver.getExpires().isAfter(expiredUntil) && !waiver.getExpires().isAfter(at)) {
                    reaudits.add(waiver.getRuleId());
                }
            });
        }
        reaudits.setWaiversExpiredUntil(at);
        reauditStep(now);
    }

    /** A deleted or retired environment: its alerts resolved, its state and its status gone. */
    private void forget(String environmentId, String reason, Instant at, long timestamp) {
        Map<AlertKey, ConflictAlert> before = standingOf(environmentId);
        counts.change(statuses.get(environmentId), before.values(), null, List.of());
        List<ConflictAlert> resolved = AlertLifecycle.resolveAll(before, reason, at);
        send(resolved, timestamp);
        countAlerts(before, resolved);
        before.keySet().forEach(key -> standing.delete(storeKey(environmentId, key)));
        environments.delete(environmentId);
        statuses.delete(environmentId);
        context.forward(new Record<>(environmentId, (SpecificRecord) null, timestamp), AuditTopology.STATUS_SINK);
    }

    private void putStatus(String environmentId, EnvironmentStatus status, long timestamp) {
        statuses.put(environmentId, status);
        context.forward(new Record<>(environmentId, (SpecificRecord) status, timestamp), AuditTopology.STATUS_SINK);
    }

    private Auditor auditor() {
        if (auditor == null) {
            List<CompatibilityRule> records = new ArrayList<>();
            try (KeyValueIterator<String, CompatibilityRule> it = rules.all()) {
                it.forEachRemaining(entry -> records.add(entry.value));
            }
            auditor = new Auditor(RuleRecords.load(records, builtInCheckIds).ruleSet(), builtInChecks);
        }
        return auditor;
    }

    private void send(List<ConflictAlert> alerts, long timestamp) {
        for (ConflictAlert alert : alerts) {
            // the alerts topic's key is the standing conflict's store key: one record per conflict, compaction-ready
            String key = storeKey(alert.getEnvironmentId(), new AlertKey(alert.getRuleId(), alert.getSubject()));
            context.forward(new Record<String, SpecificRecord>(key, alert, timestamp), AuditTopology.ALERTS_SINK);
        }
    }

    /**
     * Opened: an OPEN record for a conflict that was not open (an OPEN one that changed otherwise is an update).
     * Resolved: a RESOLVED record, by its reason, or a WAIVED one for a conflict that was open.
     */
    private void countAlerts(Map<AlertKey, ConflictAlert> before, List<ConflictAlert> sent) {
        for (ConflictAlert alert : sent) {
            ConflictAlert was = before.get(new AlertKey(alert.getRuleId(), alert.getSubject()));
            boolean wasOpen = was != null && was.getState() == AlertState.OPEN;
            switch (alert.getState()) {
                case OPEN -> {
                    if (!wasOpen) {
                        counters.alertOpened(alert.getSeverity().name().toLowerCase(Locale.ROOT));
                    }
                }
                case RESOLVED -> counters.alertResolved(alert.getReason());
                case WAIVED -> {
                    if (wasOpen) {
                        counters.alertResolved(AuditCounters.WAIVED);
                    }
                }
            }
        }
    }

    private Map<AlertKey, ConflictAlert> standingOf(String environmentId) {
        Map<AlertKey, ConflictAlert> conflicts = new LinkedHashMap<>();
        try (KeyValueIterator<String, ConflictAlert> it = standing.prefixScan(environmentId + SEPARATOR, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, ConflictAlert> entry = it.next();
                conflicts.put(new AlertKey(entry.value.getRuleId(), entry.value.getSubject()), entry.value);
            }
        }
        return conflicts;
    }

    private static String storeKey(String environmentId, AlertKey key) {
        return environmentId + SEPARATOR + key.ruleId() + SEPARATOR + key.subject();
    }
}
