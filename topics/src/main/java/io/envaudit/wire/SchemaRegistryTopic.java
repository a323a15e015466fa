package io.envaudit.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.envaudit.topics.ProducerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry as a compacted topic, with no registry server: key = the 8 fingerprint bytes as
 * in the record header (little-endian), value = the schema's JSON (UTF-8). Writers append before their
 * first record; compaction keeps one record per schema, forever (schemas are never deleted).
 *
 * <p>{@link #findByFingerprint} answers from a local cache; on a miss it reads the topic to the end
 * offsets taken at that moment. Because a writer's schema record is acknowledged before its first data
 * record is sent, a reader that has a data record in hand finds its schema that way, however new the
 * writer. Misses from several threads share one read. A read that cannot finish within the lookup
 * timeout throws {@link SchemaRegistryException}: that is an outage, not an unknown schema.
 *
 * <p>Thread-safe. The producer and the consumer are created on first need, so a reader never opens a
 * producer and a process that only writes known schemas never reads the topic.
 */
public final class SchemaRegistryTopic implements SchemaRegistry, AutoCloseable {
    /** The topic's name after the deployment's prefix: {@code envaudit.schemas} with prefix {@code envaudit.}. */
    public static final String NAME = "schemas";
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryTopic.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final Map<String, Object> clientConfig;
    private final Duration lookupTimeout;
    private final ConcurrentMap<Long, Schema> schemas = new ConcurrentHashMap<>();

    private final Object writeLock = new Object();
    private KafkaProducer<byte[], byte[]> producer;

    private final Object readLock = new Object();
    private KafkaConsumer<byte[], byte[]> consumer;
    /** Reads of the topic are numbered from 1; the number of the last one that reached the end (guarded by readLock). */
    private volatile long readsStarted;
    private long lastCompleteRead;

    private SchemaRegistryTopic(String topic, Map<String, ?> clientConfig, Duration lookupTimeout) {
        this.topic = topic;
        this.clientConfig = Map.copyOf(clientConfig);
        this.lookupTimeout = lookupTimeout;
    }

    /**
     * @param clientConfig what every client of the deployment sets ({@code bootstrap.servers}, security);
     *                     serializers, groups and offsets are this class's own choice
     */
    public static SchemaRegistryTopic connect(Map<String, ?> clientConfig, String topic, Duration lookupTimeout) {
        if (lookupTimeout.isNegative() || lookupTimeout.isZero()) {
            throw new IllegalArgumentException("lookup timeout must be positive: " + lookupTimeout);
        }
        return new SchemaRegistryTopic(topic, clientConfig, lookupTimeout);
    }

    public static String topicName(String prefix) {
        return prefix + NAME;
    }

    /** One partition (tiny and rarely written), compacted, never deleted; the broker's default replication. */
    public static NewTopic declaration(String topic) {
        return declaration(topic, Optional.empty());
    }

    /** As {@link #declaration(String)}, replicated as given, or as the broker's default when empty. */
    public static NewTopic declaration(String topic, Optional<Short> replicationFactor) {
        return new NewTopic(topic, Optional.of(1), replicationFactor).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    public String topic() {
        return topic;
    }

    @Override
    public void register(Schema schema) {
        long fingerprint = SchemaFingerprint.of(schema);
        if (schemas.containsKey(fingerprint)) {
            return;
        }
        synchronized (writeLock) {
            if (schemas.containsKey(fingerprint)) {
                return;
            }
            String what = "registering " + schema.getFullName() + " (" + SchemaFingerprint.hex(fingerprint) + ") in " + topic;
            try {
                writer().send(new ProducerRecord<>(topic, SchemaFingerprint.toBytes(fingerprint), schema.toString().getBytes(UTF_8)))
                        .get(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new SchemaRegistryException(what + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new SchemaRegistryException(what + " timed out after " + lookupTimeout, e);
            } catch (KafkaException e) {
                throw new SchemaRegistryException(what + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            schemas.putIfAbsent(fingerprint, schema);
        }
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        Schema known = schemas.get(fingerprint);
        if (known != null) {
            return known;
        }
        long readsBefore = readsStarted;
        synchronized (readLock) {
            // A read that started after this call began, and reached the end, has seen everything written
            // before this call: share it. A read that failed proves nothing, so the next caller reads again.
            if (lastCompleteRead <= readsBefore) {
                long read = ++readsStarted;
                readToEnd();
                lastCompleteRead = read;
            }
        }
        return schemas.get(fingerprint);
    }

    /** Reads of the topic started so far: for tests. */
    long reads() {
        return readsStarted;
    }

    /** Whether the schema is in the local cache, without reading the topic: for tests. */
    boolean knowsLocally(long fingerprint) {
        return schemas.containsKey(fingerprint);
    }

    private void readToEnd() {
        long deadline = System.nanoTime() + lookupTimeout.toNanos();
        try {
            KafkaConsumer<byte[], byte[]> reader = reader(deadline);
            Map<TopicPartition, Long> end = reader.endOffsets(reader.assignment(), remaining(deadline));
            for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                while (reader.position(partition.getKey(), remaining(deadline)) < partition.getValue()) {
                    if (System.nanoTime() > deadline) {
                        throw new SchemaRegistryException("reading " + topic + " to its end (offset " + partition.getValue()
                                + " of " + partition.getKey() + ") took longer than " + lookupTimeout);
                    }
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                        accept(record);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new SchemaRegistryException("reading " + topic + " timed out after " + lookupTimeout + ": " + e.getMessage(), e);
        } catch (InterruptException | SchemaRegistryException e) {
            throw e;
        } catch (KafkaException e) {
            throw new SchemaRegistryException("reading " + topic + " failed: " + e.getMessage(), e);
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // envaudit never deletes a schema; a tombstone leaves what is known as it is
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(new String(record.value(), UTF_8));
        } catch (RuntimeException e) {
            LOG.warn("{}-{}@{}: not an Avro schema, skipped: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        long fingerprint = SchemaFingerprint.of(schema);
        byte[] key = record.key();
        if (key == null || key.length != SchemaFingerprint.LENGTH || SchemaFingerprint.fromBytes(key, 0) != fingerprint) {
            // The value is the truth: index it under its own fingerprint.
            LOG.warn("{}-{}@{}: the key is not the schema's fingerprint {} (little-endian); indexed by the fingerprint",
                    record.topic(), record.partition(), record.offset(), SchemaFingerprint.hex(fingerprint));
        }
        schemas.putIfAbsent(fingerprint, schema);
    }

    private KafkaConsumer<byte[], byte[]> reader(long deadline) {
        if (consumer != null) {
            return consumer;
        }
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group, no offsets committed
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // After a poll the consumer leaves a fetch waiting at the broker for new data, up to this long, and
        // the broker answers one connection's requests in order: the next lookup's ListOffsets waited behind
        // it, 500 ms with the default. Nothing is waited for here: the end is known before each read.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        KafkaConsumer<byte[], byte[]> created = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = partitions(created, deadline);
            created.assign(partitions);
            created.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            created.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        consumer = created;
        return created;
    }

    /** A topic just created may be unknown to the broker for a moment: ask again until the deadline. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> reader, long deadline) {
        while (true) {
            List<PartitionInfo> infos = reader.partitionsFor(topic, remaining(deadline));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new SchemaRegistryException("schemas topic " + topic + " does not exist (waited " + lookupTimeout + ")");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
    }

    private KafkaProducer<byte[], byte[]> writer() {
        if (producer == null) {
            Map<String, Object> config = ProducerSettings.ordered(clientConfig);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, lookupTimeout.toMillis());
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (producer != null) {
                producer.close(lookupTimeout);
                producer = null;
            }
        }
        synchronized (readLock) {
            if (consumer != null) {
                consumer.close(CloseOptions.timeout(lookupTimeout));
                consumer = null;
            }
        }
    }
}
