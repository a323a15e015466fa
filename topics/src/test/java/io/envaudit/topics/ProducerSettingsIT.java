package io.envaudit.topics;

import io.envaudit.kafka.testing.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A producer with {@link ProducerSettings} delivers everything it sends at once to a topic created a moment
 * before, while the broker may still refuse the first batch: with five requests in flight this wedges now and
 * then, and the topics here give it many chances to.
 */
class ProducerSettingsIT {
    private static final int TOPICS = 10;
    private static final int PARTITIONS = 8;
    private static final int RECORDS = 400;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @Test
    void everyRecordSentAtOnceToATopicJustCreatedIsWrittenOnceInOrder() throws Exception {
        Map<String, Object> config = new HashMap<>(ProducerSettings.ordered(kafka.clientConfig()));
        // small batches, so that the records go out as many requests; metadata asked for often, so that the first
        // batches go out the moment the broker names itself leader; a wedged batch fails in seconds, not minutes
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        config.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 5);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        ExecutorService creator = Executors.newSingleThreadExecutor();
        try (Admin admin = Admin.create(kafka.clientConfig());
             KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            kafka.createTopics(new NewTopic("warm-up", 1, (short) 1));
            producer.send(new ProducerRecord<>("warm-up", "k", "v")).get(); // the producer id is known before the topics exist
            for (int t = 0; t < TOPICS; t++) {
                String topic = "just-created-" + t;
                Future<Void> created = creator.submit(() -> admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get());
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) { // the first send waits until the producer's metadata shows the topic
                    sent.add(producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "key-" + i, "record " + i + " of " + topic)));
                }
                created.get();
                for (int i = 0; i < RECORDS; i++) {
                    try {
                        assertEquals(i / PARTITIONS, sent.get(i).get().offset(), topic + ": record " + i + " written once, in order");
                    } catch (ExecutionException e) {
                        throw new AssertionError(topic + ": record " + i + " not written: " + e.getCause(), e.getCause());
                    }
                }
            }
        } finally {
            creator.shutdownNow();
        }
    }
}
