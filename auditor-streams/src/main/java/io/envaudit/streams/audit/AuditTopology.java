package io.envaudit.streams.audit;

import io.envaudit.engine.audit.Check;
import io.envaudit.streams.rules.EveryPartition;
import io.envaudit.streams.topics.EnvauditTopics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/**
 * The audit, as a data flow: snapshots and the partition's copy of the rules in, one audit processor
 * per partition holding the rules, the latest snapshot and the standing conflicts of each environment,
 * alerts and statuses out.
 *
 * <pre>
 * envaudit.rules ──▶ to every partition ──▶ envaudit.rules-broadcast
 *
 * envaudit.snapshots ───────┐
 *                           ├──▶ audit ──▶ envaudit.alerts   (OPEN / WAIVED / RESOLVED, only what changed)
 * envaudit.rules-broadcast ─┘     │   └──▶ envaudit.status   (per environment)
 *                                 └── stores: rules, environments, standing-conflicts
 * </pre>
 */
public final class AuditTopology {
    static final String PUBLISHED_RULES_SOURCE = "published-rules";
    static final String BROADCAST_SINK = "rules-to-every-partition";
    static final String SNAPSHOTS_SOURCE = "snapshots";
    static final String RULES_SOURCE = "rules";
    static final String AUDIT = "audit";
    static final String ALERTS_SINK = "alerts";
    static final String STATUS_SINK = "status";

    private AuditTopology() {
    }

    public static Topology build(EnvauditTopics topics, List<Check> builtInChecks, AuditSettings settings) {
        Topology topology = new Topology();
        topology.addSource(PUBLISHED_RULES_SOURCE, topics.rules().keySerde().deserializer(),
                topics.rules().valueSerde().deserializer(), topics.rules().name());
        topology.addSink(BROADCAST_SINK, topics.rulesBroadcast().name(), topics.rulesBroadcast().keySerde().serializer(),
                topics.rulesBroadcast().valueSerde().serializer(), new EveryPartition<>(), PUBLISHED_RULES_SOURCE);

        topology.addSource(SNAPSHOTS_SOURCE, topics.snapshots().keySerde().deserializer(),
                topics.snapshots().valueSerde().deserializer(), topics.snapshots().name());
        topology.addSource(RULES_SOURCE, topics.rulesBroadcast().keySerde().deserializer(),
                topics.rulesBroadcast().valueSerde().deserializer(), topics.rulesBroadcast().name());
        topology.addProcessor(AUDIT, () -> new AuditProcessor(topics.snapshots().name(), builtInChecks, settings),
                SNAPSHOTS_SOURCE, RULES_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.RULES),
                Serdes.String(), topics.rulesBroadcast().valueSerde()), AUDIT);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.ENVIRONMENTS),
                Serdes.String(), topics.snapshots().valueSerde()), AUDIT);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditProcessor.STANDING),
                Serdes.String(), topics.alerts().valueSerde()), AUDIT);
        topology.addSink(ALERTS_SINK, topics.alerts().name(), topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer(), AUDIT);
        topology.addSink(STATUS_SINK, topics.status().name(), topics.status().keySerde().serializer(),
                topics.status().valueSerde().serializer(), AUDIT);
        return topology;
    }
}
