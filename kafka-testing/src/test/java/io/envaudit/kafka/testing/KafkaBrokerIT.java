package io.envaudit.kafka.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker the extension gives, whichever kind is selected: the settings the integration tests rely
 * on, and the helpers. Run it with {@code -Denvaudit.it.kafka=testcontainers} to check the container.
 */
class KafkaBrokerIT {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @Test
    void theBrokerIsSetUpForExactlyOnceOnOneNodeAndCreatesNoTopicByItself() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Node node = admin.describeCluster().nodes().get().iterator().next();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            Map.of("offsets.topic.replication.factor", "1",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "group.initial.rebalance.delay.ms", "0",
                    "auto.create.topics.enable", "false")
                    .forEach((key, value) -> assertEquals(value, config.get(key).value(), key));
        }
    }

    @Test
    void createdTopicsAreServedAtOnce() throws Exception {
        kafka.createTopics(new NewTopic("served", 4, (short) 1), new NewTopic("served-too", 2, (short) 1));
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            var described = admin.describeTopics(List.of("served", "served-too")).allTopicNames().get();
            assertEquals(4, described.get("served").partitions().size());
            assertEquals(2, described.get("served-too").partitions().size());
        }
    }

    @Test
    void readUntilSkipsAbortedTransactions() throws Exception {
        // One partition: records come in log order, so once "last" is read everything before it has been.
        String topic = "transactions";
        kafka.createTopics(new NewTopic(topic, 1, (short) 1));
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            beginAndSend(producer, topic, "committed-1", "committed-2");
            producer.commitTransaction();
            beginAndSend(producer, topic, "aborted-1", "aborted-2");
            producer.flush();
            producer.abortTransaction();
            beginAndSend(producer, topic, "last");
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = kafka.readUntil(topic, new StringDeserializer(), new StringDeserializer(),
                read -> read.stream().anyMatch(record -> record.value().equals("last")));

        assertEquals(List.of("committed-1", "committed-2", "last"), records.stream().map(ConsumerRecord::value).toList());
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafka-broker-it");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static void beginAndSend(KafkaProducer<String, String> producer, String topic, String... values) {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, value, value));
        }
    }
}
