package io.envaudit.streams.audit;

import io.envaudit.engine.audit.Check;
import io.envaudit.schemas.ReauditQueue;
import io.envaudit.schemas.StoredEnvironment;
import io.envaudit.streams.rules.EveryPartition;
import io.envaudit.streams.rules.RuleCheck;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.AvroSingleObjectSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Set;

/**
 * The audit, as a data flow: published rules checked and copied to every partition; snapshots and the
 * partition's copy of the rules into one audit processor per partition; alerts and statuses out.
 *
 * <pre>
 * envaudit.rules ──▶ check-rule ──▶ to every partition ──▶ envaudit.rules-broadcast
 *                        └─ does not load ──▶ envaudit.dlq (the exception handler)
 *
 * envaudit.snapshots ───────┐
 *                           ├──▶ audit ──▶ envaudit.alerts   (OPEN / WAIVED / RESOLVED, only what changed)
 * envaudit.rules-broadcast ─┘     │   └──▶ envaudit.status   (per environment)
 *                                 └── stores: rules, environments, statuses, standing-conflicts, reaudits, counts
 * </pre>
 */
public final class AuditTopology {
    static final String PUBLISHED_RULES_SOURCE = "published-rules";
    static final String CHECK_RULE = "check-rule";
    static final String BROADCAST_SINK = "rules-to-every-partition";
    static final String SNAPSHOTS_SOURCE = "snapshots";
    static final String RULES_SOURCE = "rules";
    static final String AUDIT = "audit";
    static final String ALERTS_SINK = "alerts";
    static final String STATUS_SINK = "status";
    /** The per-partition counts the metrics read ({@link PartitionCounts}). */
    public static final String COUNTS_STORE = AuditProcessor.COUNTS;

    private AuditTopology() {
    }

    /** The rules store, one per partition, each holding every rule (for the rules-loaded gauge). */
    public static final String RULES_STORE = AuditProcessor.RULES;

    public static Topology build(EnvauditTopics topics, List<Check> builtInChecks, AuditSettings settings, AuditCounters counters) {
        Set<String> builtInCheckIds = Set.copyOf(builtInChecks.stream().map(Check::id).toList());
        Topology topology = new Topology();
        topology.addSource(PUBLISHED_RULES_SOURCE, topics.rules().keySerde().deserializer(),
                topics.rules().valueSerde().deserializer(), topics.rules().name());
        topology.addProcessor(CHECK_RULE, () -> new RuleCheck(builtInCheckIds), PUBLISHED_RULES_SOURCE);
        topology.addSink(BROADCAST_SINK, topics.rulesBroadcast().name(), topics.rulesBroadcast().keySerde().serializer(),
                topics.rulesBroadcast().valueSerde().serializer(), new EveryPartition<>(), CHECK_RULE);

        topology.addSource(SNAPSHOTS_SOURCE, topics.snapshots().keySerde().deserializer(),
                topics.snapshots().valueSerde().deserializer(), topics.snapshots().name());
        topology.addSource(RULES_SOURCE, topics.rulesBroadcast().keySerde().deserializer(),
                topics.rulesBroadcast().valueSerde().deserializer(), topics.rulesBroadcast().name());
        StoredEnvironments storedEnvironments = new StoredEnvironments(topics.snapshots().valueSerde(), topics.snapshots().name());
        topology.addProcessor(AUDIT,
                () -> new AuditProcessor(topics.snapshots().name(), builtInChecks, settings, storedEnvironments, counters),
                SNAPSHOTS_SOURCE, RULES_SOURCE);
        Serde<StoredEnvironment> environments = new AvroSingleObjectSerde<>(StoredEnvironment.class, topics.registry());
        Serde<ReauditQueue> reaudits = new AvroSingleObjectSerde<>(ReauditQueue.class, topics.registry());
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.RULES),
                Serdes.String(), topics.rulesBroadcast().valueSerde()), AUDIT);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.ENVIRONMENTS),
                Serdes.String(), environments), AUDIT);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.STATUSES),
                Serdes.String(), topics.status().valueSerde()), AUDIT);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.STANDING),
                Serdes.String(), topics.alerts().valueSerde()), AUDIT);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.REAUDITS),
                Serdes.String(), reaudits), AUDIT);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.COUNTS),
                Serdes.String(), Serdes.Long()), AUDIT);
        topology.addSink(ALERTS_SINK, topics.alerts().name(), topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer(), AUDIT);
        topology.addSink(STATUS_SINK, topics.status().name(), topics.status().keySerde().serializer(),
                topics.status().valueSerde().serializer(), AUDIT);
        return topology;
    }
}
