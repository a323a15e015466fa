package io.envaudit.streams.metrics;

import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.RuleKind;
import io.envaudit.streams.audit.AuditTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How many rules are in force on this instance: the rules topic's rules, not its waivers, and not the
 * built-in checks, which every audit runs beside the rules (the topic carries no settings of them). Every
 * partition's task holds every rule, from the broadcast, so this is the most any owned partition's rules
 * store holds (one lagging behind a new rule shows as the others). It is per instance: over instances,
 * take {@code max()}, never {@code sum()}.
 */
final class RulesLoaded {
    private RulesLoaded() {
    }

    /** The count, or 0 when no owned partition's store can be read now (none owned, or all restoring). */
    static long read(KafkaStreams streams, String snapshotsTopic) {
        long most = 0;
        for (int partition : OwnedPartitions.of(streams, snapshotsTopic)) {
            try {
                ReadOnlyKeyValueStore<String, CompatibilityRule> store = streams.store(StoreQueryParameters
                        .fromNameAndType(AuditTopology.RULES_STORE, QueryableStoreTypes.<String, CompatibilityRule>keyValueStore())
                        .withPartition(partition));
                most = Math.max(most, rulesIn(store));
            } catch (InvalidStateStoreException e) {
                // restoring or moving: the other partitions hold the same rules
            }
        }
        return most;
    }

    /** The rules one partition's rules store holds. */
    static long rulesIn(ReadOnlyKeyValueStore<String, CompatibilityRule> store) {
        long rules = 0;
        try (KeyValueIterator<String, CompatibilityRule> it = store.all()) {
            while (it.hasNext()) {
                if (it.next().value.getKind() == RuleKind.RULE) {
                    rules++;
                }
            }
        }
        return rules;
    }
}
