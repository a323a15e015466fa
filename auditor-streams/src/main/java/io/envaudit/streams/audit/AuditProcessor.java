package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertKey;
import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The snapshot path of the audit, for one partition: audit each snapshot, compare with the
 * environment's standing conflicts, send what changed to the alerts, and the status. Older snapshots
 * are ignored; a tombstone resolves everything of its environment and deletes its status.
 *
 * <p>Standing conflicts are stored one per key, {@code environment id NUL rule id NUL subject}, so one
 * environment's are found by a prefix scan and each changes alone.
 */
final class AuditProcessor implements Processor<String, EnvironmentSnapshot, String, SpecificRecord> {
    static final String ENVIRONMENTS = "environments";
    static final String STANDING = "standing-conflicts";
    private static final char SEPARATOR = '\u0000';

    private final Supplier<Auditor> auditor;
    private final Severity driftThreshold;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EnvironmentSnapshot> environments;
    private KeyValueStore<String, ConflictAlert> standing;

    AuditProcessor(Supplier<Auditor> auditor, Severity driftThreshold) {
        this.auditor = auditor;
        this.driftThreshold = driftThreshold;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.environments = context.getStateStore(ENVIRONMENTS);
        this.standing = context.getStateStore(STANDING);
    }

    @Override
    public void process(Record<String, EnvironmentSnapshot> record) {
        String environmentId = record.key();
        EnvironmentSnapshot snapshot = record.value();
        Map<AlertKey, ConflictAlert> before = standingOf(environmentId);
        if (snapshot == null) {
            Instant now = Instant.ofEpochMilli(record.timestamp());
            send(AlertLifecycle.resolveAll(before, AlertLifecycle.ENVIRONMENT_DELETED, now), record);
            before.keySet().forEach(key -> standing.delete(storeKey(environmentId, key)));
            environments.delete(environmentId);
            context.forward(record.withValue((SpecificRecord) null), AuditTopology.STATUS_SINK);
            return;
        }
        EnvironmentSnapshot known = environments.get(environmentId);
        if (known != null && snapshot.getCollectedAt().isBefore(known.getCollectedAt())) {
            return; // an older snapshot arriving late changes nothing
        }
        environments.put(environmentId, snapshot);
        AuditResult result = auditor.get().audit(EnvironmentView.of(snapshot), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        AlertLifecycle.Transition transition = AlertLifecycle.next(before, snapshot, result, null);
        send(transition.alerts(), record);
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
        context.forward(record.withValue((SpecificRecord) EnvironmentStatuses.of(snapshot, result, driftThreshold)),
                AuditTopology.STATUS_SINK);
    }

    private void send(List<ConflictAlert> alerts, Record<String, EnvironmentSnapshot> cause) {
        for (ConflictAlert alert : alerts) {
            String key = alert.getEnvironmentId() + SEPARATOR + alert.getRuleId() + SEPARATOR + alert.getSubject();
            context.forward(new Record<String, SpecificRecord>(key, alert, cause.timestamp()), AuditTopology.ALERTS_SINK);
        }
    }

    private Map<AlertKey, ConflictAlert> standingOf(String environmentId) {
        Map<AlertKey, ConflictAlert> conflicts = new LinkedHashMap<>();
        try (KeyValueIterator<String, ConflictAlert> it = standing.prefixScan(environmentId + SEPARATOR,
                new org.apache.kafka.common.serialization.StringSerializer())) {
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
