package io.envaudit.streams.rules;

import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Sends each record to every partition (multicast): each audit task owns one snapshot partition and
 * needs its own copy of every rule, in its own partition order, to re-audit deterministically.
 */
public final class EveryPartition<K, V> implements StreamPartitioner<K, V> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
}
