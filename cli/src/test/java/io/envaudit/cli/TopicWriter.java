package io.envaudit.cli;

import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.Topic;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/**
 * Writes records to envaudit's topics on a running broker, one at a time and acknowledged before the next (so
 * records of one key arrive in the order written): snapshots, tombstones and rules with the topics' own serdes,
 * as agents and {@code rules publish} write them, and raw bytes, as a broken producer would.
 */
final class TopicWriter implements AutoCloseable {
    private final String bootstrap;
    private final SchemaRegistryTopic registry;
    private final EnvauditTopics topics;

    private TopicWriter(String bootstrap, SchemaRegistryTopic registry) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
    }

    /** The default-prefix topics of the broker at {@code bootstrap}, which must exist (as {@code up} creates them). */
    static TopicWriter connect(String bootstrap) {
        return new TopicWriter(bootstrap, SchemaRegistryTopic.connect(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX), SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT));
    }

    EnvauditTopics topics() {
        return topics;
    }

    /** A snapshot, keyed by its environment id. */
    void snapshot(EnvironmentSnapshot snapshot) throws Exception {
        send(topics.snapshots(), snapshot.getEnvironment().getId(), snapshot);
    }

    /** The tombstone of an environment: it is gone. */
    void deleted(String environmentId) throws Exception {
        send(topics.snapshots(), environmentId, null);
    }

    /** A rule record, keyed by its id. */
    void rule(CompatibilityRule rule) throws Exception {
        send(topics.rules(), rule.getId(), rule);
    }

    /** Bytes as they are, with a string key. */
    void raw(String topic, String key, byte[] value) throws Exception {
        send(topic, key, value, new StringSerializer(), new ByteArraySerializer());
    }

    private <V> void send(Topic<String, V> topic, String key, V value) throws Exception {
        send(topic.name(), key, value, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> void send(String topic, String key, V value, Serializer<String> keys, Serializer<V> values) throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), keys, values)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
