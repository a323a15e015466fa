package io.envaudit.topics;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * A topic, its key and value serdes, and how it is kept: declared once, so that no code can read a
 * topic with the wrong serdes or create it with the wrong settings.
 *
 * @param configs     topic configs it must have ({@code cleanup.policy}, retention)
 * @param partitioned true when it has as many partitions as the snapshot topic (the audit's unit of
 *                    parallelism); false for single-partition topics
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs,
                          boolean partitioned) {

    public Topic {
        configs = Map.copyOf(configs);
    }
}
