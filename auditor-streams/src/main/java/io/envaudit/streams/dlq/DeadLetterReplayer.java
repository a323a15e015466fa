package io.envaudit.streams.dlq;

import io.envaudit.topics.ProducerSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends dead letters again: the source record's key, value and own headers, to the partition of the source
 * topic it was read from, or to another topic (partitioned by key there), with a header saying which dead
 * letter it replays. Replay is at-least-once: a record acknowledged just before a failure is sent again by
 * the next attempt.
 */
public final class DeadLetterReplayer implements AutoCloseable {
    /** Added to every replayed record: the dead letter's position, {@code envaudit.dlq/0/17}; one per replay. */
    public static final String REPLAYED_FROM_HEADER = "envaudit.replayed-from";

    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    /**
     * @param clientConfig what every client of the deployment sets ({@code bootstrap.servers}, security)
     * @param timeout      how long to wait for Kafka to answer one request or acknowledge one record
     */
    public DeadLetterReplayer(Map<String, ?> clientConfig, Duration timeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.timeout = timeout;
    }

    /**
     * The record that replays {@code letter}: to {@code to}, partitioned by key, or else to the partition of
     * the source topic that it came from, so that it reaches the task it was meant for (a rule's copy on the
     * broadcast topic is meant for its partition's task alone, whatever its key). The timestamp is left to
     * the producer (now): the source topic's retention counts from the replay.
     *
     * @throws DeadLetterException when there is no {@code to} and the letter does not say where it came from
     */
    public static ProducerRecord<byte[], byte[]> replayOf(DeadLetter letter, Optional<String> to) {
        RecordHeaders headers = new RecordHeaders();
        letter.originalHeaders().forEach(headers::add);
        headers.add(REPLAYED_FROM_HEADER, letter.position().toString().getBytes(StandardCharsets.UTF_8));
        if (to.isPresent()) {
            return new ProducerRecord<>(to.get(), null, null, letter.key(), letter.value(), headers);
        }
        RecordPosition source = letter.source().orElseThrow(() -> new DeadLetterException("the dead letter at " + letter.position()
                + " does not say which topic it came from (no " + DeadLetter.ERROR_HEADER_PREFIX + "topic, partition and offset "
                + "headers): name the topic to replay it to"));
        return new ProducerRecord<>(source.topic(), source.partition(), null, letter.key(), letter.value(), headers);
    }

    /**
     * Fails before anything is sent when a record's topic, or its partition, does not exist: a replay to a
     * mistyped topic must not half happen, nor wait for a topic that will never be created.
     *
     * @throws DeadLetterException naming the topic or partition
     */
    public void checkDestinations(List<ProducerRecord<byte[], byte[]>> records) {
        Set<String> topics = new TreeSet<>();
        records.forEach(record -> topics.add(record.topic()));
        Map<String, KafkaFuture<TopicDescription>> described = admin().describeTopics(topics).topicNameValues();
        Map<String, Integer> partitions = new HashMap<>();
        for (String topic : topics) {
            try {
                partitions.put(topic, described.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().size());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new DeadLetterException("cannot replay to " + topic + ": the topic does not exist");
                }
                throw new KafkaException("cannot describe " + topic + ": " + e.getCause().getMessage(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new TimeoutException("describing " + topic + " took longer than " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
        for (ProducerRecord<byte[], byte[]> record : records) {
            int count = partitions.get(record.topic());
            if (record.partition() != null && record.partition() >= count) {
                throw new DeadLetterException("cannot replay to partition " + record.partition() + " of " + record.topic()
                        + ": it has " + count + " partitions");
            }
        }
    }

    /** Sends one record and waits for it to be acknowledged by all in-sync replicas. */
    public RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("sending to " + record.topic() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("sending to " + record.topic() + " was not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientConfig);
        }
        return admin;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = ProducerSettings.ordered(clientConfig);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(timeout);
        }
        if (admin != null) {
            admin.close(timeout);
        }
    }
}
