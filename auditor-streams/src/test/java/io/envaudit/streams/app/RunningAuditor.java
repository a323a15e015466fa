package io.envaudit.streams.app;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Rule;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The streaming auditor as {@code envaudit up} runs it, for integration tests, on the test class's
 * broker ({@link KafkaBroker}): the topics provisioned, the app built by {@link StreamingAuditor} and
 * started, and the default rule pack published. One per test class; {@link #close()} stops the app.
 */
public final class RunningAuditor implements AutoCloseable {
    private final KafkaBroker kafka;
    private final SchemaRegistryTopic registry;
    private final EnvauditTopics topics;
    private final KafkaStreams streams;

    private RunningAuditor(KafkaBroker kafka, SchemaRegistryTopic registry, EnvauditTopics topics, KafkaStreams streams) {
        this.kafka = kafka;
        this.registry = registry;
        this.topics = topics;
        this.streams = streams;
    }

    /** The auditor's state goes under {@code root}; the snapshot topic gets {@code partitions}. */
    public static RunningAuditor start(KafkaBroker kafka, Path root, int partitions) {
        Map<String, Object> client = kafka.clientConfig();
        String schemas = SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX);
        SchemaRegistryTopic registry;
        EnvauditTopics topics;
        try (Admin admin = Admin.create(client)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.ensure(SchemaRegistryTopic.declaration(schemas));
            registry = SchemaRegistryTopic.connect(client, schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
            topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
            provisioner.ensure(topics.all(), partitions, Optional.empty());
        }
        Properties config = StreamingAuditor.config("envaudit-it", root.resolve("streams"), topics, AuditCounters.NONE,
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100));
        KafkaStreams streams = StreamingAuditor.create(topics, AuditSettings.DEFAULTS, config);
        streams.start();
        RunningAuditor auditor = new RunningAuditor(kafka, registry, topics, streams);
        auditor.publishRules(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules());
        return auditor;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** What every client of this deployment sets. */
    public Map<String, Object> clientConfig() {
        return kafka.clientConfig();
    }

    /** The topics, whose serdes share the auditor's schema registry client (and so its cache). */
    public EnvauditTopics topics() {
        return topics;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void publishRules(List<Rule> rules) {
        try (KafkaProducer<String, CompatibilityRule> producer = producer(topics.rules().valueSerde().serializer())) {
            for (Rule rule : rules) {
                producer.send(new ProducerRecord<>(topics.rules().name(), rule.id(), RuleRecords.of(rule, "test", Instant.now())));
            }
        }
    }

    /** A producer with environment-id keys, acks=all. */
    public <V> KafkaProducer<String, V> producer(Serializer<V> values) {
        return kafka.producer(new StringSerializer(), values);
    }

    /** The seed sample ({@code samples/seed-tf210-anaconda-keras.json}: 4 conflicts with the default pack) as environment {@code id}. */
    public static EnvironmentSnapshot seedSample(String id) {
        EnvironmentSnapshot seed;
        try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
            seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EnvironmentSnapshot.newBuilder(seed).setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(id).build()).build();
    }

    /** Alerts read committed, from the start, until the condition holds or {@link KafkaBroker#WAIT} has passed. */
    public List<ConflictAlert> alertsUntil(Predicate<List<ConflictAlert>> done) {
        return kafka.readUntil(topics.alerts().name(), topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer(),
                read -> done.test(values(read))).stream().map(ConsumerRecord::value).toList();
    }

    private static List<ConflictAlert> values(List<ConsumerRecord<String, ConflictAlert>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** The alerts of one environment, once at least {@code count} have come (or a minute has passed). */
    public List<ConflictAlert> alertsOf(String environmentId, int count) {
        Predicate<ConflictAlert> ofIt = alert -> alert.getEnvironmentId().equals(environmentId);
        return alertsUntil(alerts -> alerts.stream().filter(ofIt).count() >= count).stream().filter(ofIt).toList();
    }

    @Override
    public void close() {
        StreamingAuditor.stop(streams, Duration.ofSeconds(30));
        registry.close();
    }
}
