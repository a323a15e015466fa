package io.envaudit.cli;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Rule;
import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.streams.topics.EnvauditTopics;
import io.envaudit.streams.topics.TopicProvisioner;
import io.envaudit.streams.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code envaudit up}: everything on this machine, with nothing to install — a real single-node Kafka
 * broker in-process, the topics, the default rules, the streaming auditor and the sample environments —
 * then the alerts printed as they open and resolve, until Ctrl-C. A second run reuses the data.
 */
@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Start an embedded Kafka broker, the streaming auditor and the default rules, publish the sample",
            "environments (samples/README.md), and print alerts as they open and resolve, until Ctrl-C. Data stays",
            "in --data-dir."})
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = ".envaudit", description = "Where the broker and the auditor keep their data (default: ./.envaudit).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the snapshot topic when it is created (default: 4).")
    int partitions;

    @Option(names = "--no-sample", description = "Do not publish the sample environments.")
    boolean noSample;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // the shutdown hook waits on this until the auditor and the broker are closed, so Ctrl-C stops cleanly
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            run(out, stopped);
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    private void run(PrintWriter out, CountDownLatch stopped) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dataDir.resolve("kafka")))) {
            String bootstrap = kafka.bootstrapServers();
            out.println("Kafka broker up at " + bootstrap + " (data in " + dataDir + ")");
            out.flush();
            Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            String schemas = SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX);
            try (Admin admin = Admin.create(client)) {
                TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
                provisioner.ensure(SchemaRegistryTopic.declaration(schemas));
                try (SchemaRegistryTopic registry = SchemaRegistryTopic.connect(client, schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT)) {
                    EnvauditTopics topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
                    provisioner.ensure(topics.all(), partitions, Optional.empty());
                    int rules = publishDefaultRules(bootstrap, topics);
                    out.println("Published the default rule pack (" + rules + " rules) to " + topics.rules().name());
                    KafkaStreams auditor = auditor(bootstrap, topics);
                    try {
                        auditor.start();
                        out.println("Auditor started (application id envaudit); alerts on " + topics.alerts().name() + ":");
                        out.flush();
                        if (!noSample) {
                            publishSample(bootstrap, topics);
                        }
                        printAlerts(bootstrap, topics, out, stopped);
                    } finally {
                        auditor.close(Duration.ofSeconds(30));
                    }
                }
            }
        }
        out.println("envaudit stopped; data kept in " + dataDir);
        out.flush();
    }

    private static int publishDefaultRules(String bootstrap, EnvauditTopics topics) {
        List<Rule> rules = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules();
        try (KafkaProducer<String, CompatibilityRule> producer = new KafkaProducer<>(producerConfig(bootstrap),
                topics.rules().keySerde().serializer(), topics.rules().valueSerde().serializer())) {
            for (Rule rule : rules) {
                producer.send(new ProducerRecord<>(topics.rules().name(), rule.id(),
                        RuleRecords.of(rule, DefaultRulePack.RESOURCE_FOLDER, Instant.now())));
            }
        }
        return rules.size();
    }

    private static void publishSample(String bootstrap, EnvauditTopics topics) throws Exception {
        try (KafkaProducer<String, EnvironmentSnapshot> producer = new KafkaProducer<>(producerConfig(bootstrap),
                topics.snapshots().keySerde().serializer(), topics.snapshots().valueSerde().serializer())) {
            for (String resource : SampleEnvironments.resources()) {
                EnvironmentSnapshot sample = SampleEnvironments.read(resource);
                producer.send(new ProducerRecord<>(topics.snapshots().name(), sample.getEnvironment().getId(), sample)).get();
            }
        }
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    }

    private KafkaStreams auditor(String bootstrap, EnvauditTopics topics) {
        Properties config = StreamingAuditor.config(StreamingAuditor.DEFAULT_APPLICATION_ID, dataDir.resolve("streams"), topics,
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        return StreamingAuditor.create(topics, AuditSettings.DEFAULTS, config);
    }

    /** Prints committed alerts until the JVM is asked to stop (Ctrl-C), then lets the rest shut down. */
    private static void printAlerts(String bootstrap, EnvauditTopics topics, PrintWriter out, CountDownLatch stopped) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "envaudit-up-console",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, ConflictAlert> consumer = new KafkaConsumer<>(config, topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer())) {
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    stopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "envaudit-up-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            consumer.subscribe(List.of(topics.alerts().name()));
            try {
                while (!main.isInterrupted()) {
                    for (ConsumerRecord<String, ConflictAlert> record : consumer.poll(Duration.ofMillis(500))) {
                        out.println(AlertLine.of(record.value()));
                    }
                    out.flush();
                    consumer.commitSync();
                }
            } catch (WakeupException stopping) {
                out.println("stopping ...");
                out.flush();
            }
        }
    }
}
