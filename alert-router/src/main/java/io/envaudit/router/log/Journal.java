package io.envaudit.router.log;

import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.NotificationPhase;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.ProducerSettings;
import io.envaudit.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The router's writes to Kafka, each acknowledged by the broker ({@code acks=all}) before the call
 * returns, because the delivery order depends on it (docs/router.md): the intent is on the log before
 * the post, and the delivery (and, for Alertmanager, what it keeps firing) before the alerts' offsets are
 * committed. Thread-safe: every receiver lane writes through the one producer.
 */
public final class Journal implements AutoCloseable {
    private final Topic<String, AlertNotification> deliveries;
    private final Topic<String, AlertNotification> deadLetters;
    private final Topic<String, ConflictAlert> firing;
    /** Keys and values are serialized by their topic's own serdes before sending, so one producer writes all three topics. */
    private final KafkaProducer<byte[], byte[]> producer;

    public Journal(Map<String, Object> clientConfig, EnvauditTopics topics) {
        this.deliveries = topics.routerDeliveries();
        this.deadLetters = topics.alertDeadLetters();
        this.firing = topics.routerFiring();
        Map<String, Object> config = ProducerSettings.ordered(clientConfig);
        // a chat message's payload is tens of kB, a batch of 200 alerts to a webhook a few hundred
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Step 1 of a delivery: the notification, with its payload, before anything is posted. */
    public void intent(AlertNotification notification) {
        await(List.of(send(deliveries, notification.getId(), notification)));
    }

    /** Step 3: posted and acknowledged by the receiver; the payload is not needed any more. */
    public void delivered(AlertNotification notification, Instant at) {
        AlertNotification delivered = AlertNotification.newBuilder(notification).setPhase(NotificationPhase.DELIVERED)
                .setPayload(null).setUpdated(at).build();
        await(List.of(send(deliveries, notification.getId(), delivered)));
    }

    /** Given up: the notification with its payload and reason to the dead-letter topic, then the log says so. */
    public void deadLettered(AlertNotification notification, String reason, Instant at) {
        AlertNotification dead = AlertNotification.newBuilder(notification).setPhase(NotificationPhase.DEAD_LETTERED)
                .setReason(reason).setUpdated(at).build();
        await(List.of(send(deadLetters, notification.getId(), dead)));
        await(List.of(send(deliveries, notification.getId(), AlertNotification.newBuilder(dead).setPayload(null).build())));
    }

    /** Forgets notifications whose alerts are all committed: compaction then drops them. */
    public void forget(List<String> notificationIds) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (String id : notificationIds) {
            sent.add(send(deliveries, id, null));
        }
        await(sent);
    }

    /** What an Alertmanager receiver keeps firing: the alert as posted, or null when it ended there. */
    public void firing(Map<String, ConflictAlert> byKey) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        byKey.forEach((key, alert) -> sent.add(send(firing, key, alert)));
        await(sent);
    }

    private <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes));
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new JournalException("the router cannot write its delivery log: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while writing the delivery log", e);
        } catch (KafkaException e) {
            throw new JournalException("the router cannot write its delivery log: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
