package io.envaudit.router;

import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One deployment's topics on the test broker, under a prefix of its own so that tests do not see each
 * other's alerts: what the auditor would write (alerts), and what the router writes (its log, the DLQ).
 */
public final class RouterFixture {
    public static final int PARTITIONS = 4;

    private final KafkaBroker kafka;
    private final EnvauditTopics topics;

    private RouterFixture(KafkaBroker kafka, EnvauditTopics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** Made by {@link RouterFixtures}, which holds the registry. */
    static RouterFixture create(KafkaBroker kafka, SchemaRegistryTopic registry, String prefix) {
        EnvauditTopics topics = new EnvauditTopics(prefix, registry);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics.all(), PARTITIONS, Optional.empty());
        }
        return new RouterFixture(kafka, topics);
    }

    public EnvauditTopics topics() {
        return topics;
    }

    /**
     * Publishes the alerts as the auditor does: keyed by environment, rule and subject, so one alert keeps its
     * partition.
     *
     * @return the partition each went to, in order
     */
    public List<Integer> publish(List<ConflictAlert> alerts) throws Exception {
        try (KafkaProducer<String, ConflictAlert> producer = kafka.producer(topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ConflictAlert alert : alerts) {
                sent.add(producer.send(new ProducerRecord<>(topics.alerts().name(), TestAlerts.key(alert), alert)));
            }
            List<Integer> partitions = new ArrayList<>();
            for (Future<RecordMetadata> metadata : sent) {
                partitions.add(metadata.get().partition());
            }
            return partitions;
        }
    }

    /** Waits until the group has committed every alert published so far: the router has settled them all. */
    public void awaitAllCommitted(String group) throws Exception {
        long deadline = System.nanoTime() + KafkaBroker.WAIT.toNanos();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topics.alerts().name(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean all = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                if (all) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " committed " + committed + ", the ends are " + end);
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Forgets the group's committed offsets, as if the router had stopped after delivering but before
     * committing. The broker allows it once it has taken the stopped router out of the group.
     */
    public void forgetCommittedOffsets(String group) throws Exception {
        long deadline = System.nanoTime() + KafkaBroker.WAIT.toNanos();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Set<TopicPartition> partitions = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().keySet();
            while (true) {
                try {
                    admin.deleteConsumerGroupOffsets(group, partitions).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupSubscribedToTopicException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    public List<AlertNotification> deadLettersUntil(Predicate<List<AlertNotification>> done) {
        List<ConsumerRecord<String, AlertNotification>> records = kafka.readUntil(topics.alertDeadLetters().name(),
                topics.alertDeadLetters().keySerde().deserializer(), topics.alertDeadLetters().valueSerde().deserializer(),
                read -> done.test(read.stream().map(ConsumerRecord::value).toList()));
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** A routes file in {@code dir}. */
    public static Path routesFile(Path dir, String... lines) throws Exception {
        return Files.writeString(dir.resolve("routes-" + System.nanoTime() + ".yaml"), String.join("\n", lines) + "\n");
    }
}
