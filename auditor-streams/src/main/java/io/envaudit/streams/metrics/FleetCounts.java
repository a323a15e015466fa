package io.envaudit.streams.metrics;

import io.envaudit.streams.audit.AuditTopology;
import io.envaudit.streams.audit.Series;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * This instance's share of the fleet's numbers: the counts of the snapshot partitions it owns now,
 * summed, read partition by partition. A partition whose store cannot be read (it is restoring, or
 * moving to another instance) is left out and counted as unavailable, rather than held at an old value
 * that another instance may already report: the sum over instances is then short while partitions
 * move, never doubled, and exact again once they settle.
 *
 * @param series      each series and its count on this instance
 * @param owned       snapshot partitions this instance owns
 * @param unavailable of those, the ones whose counts could not be read
 */
public record FleetCounts(Map<Series, Long> series, int owned, int unavailable) {

    public static FleetCounts read(KafkaStreams streams, String snapshotsTopic) {
        Set<Integer> partitions = OwnedPartitions.of(streams, snapshotsTopic);
        Map<Series, Long> sums = new HashMap<>();
        int unavailable = 0;
        for (int partition : partitions) {
            try {
                ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters
                        .fromNameAndType(AuditTopology.COUNTS_STORE, QueryableStoreTypes.<String, Long>keyValueStore())
                        .withPartition(partition));
                Map<Series, Long> ofPartition = new HashMap<>();
                try (KeyValueIterator<String, Long> it = store.all()) {
                    while (it.hasNext()) {
                        KeyValue<String, Long> entry = it.next();
                        if (!Series.isSeries(entry.key)) {
                            continue;
                        }
                        ofPartition.merge(Series.parse(entry.key), entry.value, Long::sum);
                    }
                }
                ofPartition.forEach((series, n) -> sums.merge(series, n, Long::sum));
            } catch (InvalidStateStoreException e) {
                unavailable++;
            }
        }
        return new FleetCounts(sums, partitions.size(), unavailable);
    }

    /** Every owned partition was read: what this instance reports is its whole share. */
    public boolean complete() {
        return unavailable == 0;
    }
}
