package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertKey;
import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.RuleKind;
import io.envaudit.streams.rules.RuleRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit of one partition. Snapshots: audit each, compare with the environment's standing conflicts,
 * send what changed to the alerts, and the status; older snapshots are ignored; a tombstone resolves
 * everything of its environment and deletes its status. Rules (the partition's copy, from the broadcast
 * topic): store the change, then re-audit every environment of the partition for that rule only, so a
 * new rule opens alerts on environments already reported, an edited one re-evaluates them and a deleted
 * one resolves them.
 *
 * <p>Standing conflicts are stored one per key, {@code environment id NUL rule id NUL subject}, so one
 * environment's are found by a prefix scan and each changes alone.
 */
final class AuditProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    static final String ENVIRONMENTS = "environments";
    static final String STANDING = "standing-conflicts";
    static final String RULES = "rules";
    private static final char SEPARATOR = '\u0000';

    private final String snapshotsTopic;
    private final List<Check> builtInChecks;
    private final AuditSettings settings;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EnvironmentSnapshot> environments;
    private KeyValueStore<String, ConflictAlert> standing;
    private KeyValueStore<String, CompatibilityRule> rules;
    /** Built from the rules store on first use, dropped when a rule changes. */
    private Auditor auditor;

    AuditProcessor(String snapshotsTopic, List<Check> builtInChecks, AuditSettings settings) {
        this.snapshotsTopic = snapshotsTopic;
        this.builtInChecks = builtInChecks;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.environments = context.getStateStore(ENVIRONMENTS);
        this.standing = context.getStateStore(STANDING);
        this.rules = context.getStateStore(RULES);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(snapshotsTopic);
        if (topic.equals(snapshotsTopic)) {
            snapshot(record.key(), (EnvironmentSnapshot) record.value(), record.timestamp());
        } else {
            rule(record.key(), (CompatibilityRule) record.value(), record.timestamp());
        }
    }

    private void snapshot(String environmentId, EnvironmentSnapshot snapshot, long timestamp) {
        Map<AlertKey, ConflictAlert> before = standingOf(environmentId);
        if (snapshot == null) {
            send(AlertLifecycle.resolveAll(before, AlertLifecycle.ENVIRONMENT_DELETED, Instant.ofEpochMilli(timestamp)), timestamp);
            before.keySet().forEach(key -> standing.delete(storeKey(environmentId, key)));
            environments.delete(environmentId);
            context.forward(new Record<>(environmentId, (SpecificRecord) null, timestamp), AuditTopology.STATUS_SINK);
            return;
        }
        EnvironmentSnapshot known = environments.get(environmentId);
        if (known != null && snapshot.getCollectedAt().isBefore(known.getCollectedAt())) {
            return; // an older snapshot arriving late changes nothing
        }
        environments.put(environmentId, snapshot);
        audit(environmentId, snapshot, before, null, AlertLifecycle.FIXED, timestamp);
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
        String ruleId = described.getKind() == RuleKind.WAIVER ? described.getRuleId() : id;
        String resolvedReason = record == null && described.getKind() == RuleKind.RULE ? AlertLifecycle.RULE_DELETED : AlertLifecycle.FIXED;
        List<KeyValue<String, EnvironmentSnapshot>> all = new ArrayList<>();
        try (KeyValueIterator<String, EnvironmentSnapshot> it = environments.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, EnvironmentSnapshot> environment : all) {
            audit(environment.key, environment.value, standingOf(environment.key), ruleId, resolvedReason, timestamp);
        }
    }

    private void audit(String environmentId, EnvironmentSnapshot snapshot, Map<AlertKey, ConflictAlert> before, String onlyRule,
                       String resolvedReason, long timestamp) {
        AuditResult result = auditor().audit(EnvironmentView.of(snapshot), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        AlertLifecycle.Transition transition = AlertLifecycle.next(before, snapshot, result, onlyRule, resolvedReason);
        send(transition.alerts(), timestamp);
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
        context.forward(new Record<>(environmentId, (SpecificRecord) EnvironmentStatuses.of(snapshot, result, settings.driftThreshold()), timestamp),
                AuditTopology.STATUS_SINK);
    }

    private Auditor auditor() {
        if (auditor == null) {
            List<CompatibilityRule> records = new ArrayList<>();
            try (KeyValueIterator<String, CompatibilityRule> it = rules.all()) {
                it.forEachRemaining(entry -> records.add(entry.value));
            }
            Set<String> checkIds = Set.copyOf(builtInChecks.stream().map(Check::id).toList());
            auditor = new Auditor(RuleRecords.load(records, checkIds).ruleSet(), builtInChecks);
        }
        return auditor;
    }

    private void send(List<ConflictAlert> alerts, long timestamp) {
        for (ConflictAlert alert : alerts) {
            String key = alert.getEnvironmentId() + SEPARATOR + alert.getRuleId() + SEPARATOR + alert.getSubject();
            context.forward(new Record<String, SpecificRecord>(key, alert, timestamp), AuditTopology.ALERTS_SINK);
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
