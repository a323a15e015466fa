package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.Topic;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code agent publish} from the slim agent jar, in its own JVM, against a real broker: what reaches the
 * snapshots topic, read back through the schemas topic as the auditor reads it.
 */
class AgentPublishIT {
    private static final EnvauditJar AGENT_JAR = new EnvauditJar(Path.of("target", "envaudit-agent.jar"));

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path folder;

    private String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private SchemaRegistryTopic registry;
    private EnvauditTopics topics;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    /** Each test its own topics under its own prefix, schemas topic included, made as the auditor makes them (the agent makes none). */
    private void provisionTopics() {
        registry = SchemaRegistryTopic.connect(kafka.clientConfig(), SchemaRegistryTopic.topicName(prefix), Duration.ofSeconds(30));
        topics = new EnvauditTopics(prefix, registry);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.ensure(SchemaRegistryTopic.declaration(SchemaRegistryTopic.topicName(prefix)));
            provisioner.ensure(List.of(topics.snapshots()), 2, Optional.empty());
        }
    }

    private String[] publish(String... args) {
        return Stream.concat(Stream.of("agent", "publish", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix,
                "--state", folder.resolve("state/published.properties").toString()), Stream.of(args)).toArray(String[]::new);
    }

    private List<ConsumerRecord<String, EnvironmentSnapshot>> readUntil(Predicate<List<ConsumerRecord<String, EnvironmentSnapshot>>> done) {
        Topic<String, EnvironmentSnapshot> snapshots = topics.snapshots();
        return kafka.readUntil(snapshots.name(), snapshots.keySerde().deserializer(), snapshots.valueSerde().deserializer(), done);
    }

    /** Every record the snapshots topic holds: the agent's producer is not transactional, so offsets count records. */
    private long recordsWritten() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(List.of(topics.snapshots().name())).allTopicNames().get()
                    .get(topics.snapshots().name()).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topics.snapshots().name(), p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }

    private static long recordsOf(List<ConsumerRecord<String, EnvironmentSnapshot>> records, Path prefix, boolean tombstones) {
        return records.stream().filter(r -> r.key().endsWith("/" + prefix) && (r.value() == null) == tombstones).count();
    }

    private static List<String> packagesOf(ConsumerRecord<String, EnvironmentSnapshot> record) {
        return record.value().getPackages().stream().map(p -> p.getName() + "==" + p.getVersion()).sorted().toList();
    }

    @Test
    void onceSendsEveryEnvironment_andATombstoneOnceAFolderIsGone() throws Exception {
        provisionTopics();
        Path kept = VenvFixture.venv(folder.resolve("kept"), "numpy==2.0.1", "tensorflow==2.15.0");
        Path removed = VenvFixture.venv(folder.resolve("removed"), "protobuf==4.25.3");

        CommandResult first = AGENT_JAR.run("", publish("--once", "--path", kept.toString(), removed.toString()));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("sent 2 changed, 0 heartbeat(s), 0 deletion(s)"), first.err());

        List<ConsumerRecord<String, EnvironmentSnapshot>> records = readUntil(r -> r.size() >= 2);
        assertEquals(2, records.size());
        ConsumerRecord<String, EnvironmentSnapshot> keptRecord = records.stream().filter(r -> r.key().endsWith("/" + kept)).findFirst().orElseThrow();
        assertEquals(keptRecord.value().getEnvironment().getId(), keptRecord.key());
        assertEquals(kept.toString(), keptRecord.value().getEnvironment().getPrefix());
        assertEquals(List.of("numpy==2.0.1", "tensorflow==2.15.0"), packagesOf(keptRecord));

        VenvFixture.delete(removed);
        CommandResult second = AGENT_JAR.run("", publish("--once", "--path", kept.toString()));
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("sent 0 changed, 1 heartbeat(s), 1 deletion(s)"), second.err());

        records = readUntil(r -> r.size() >= 4);
        assertEquals(4, records.size());
        assertEquals(1, recordsOf(records, removed, true), "one tombstone for the removed environment");
        assertEquals(2, recordsOf(records, kept, false), "--once sends the unchanged environment too");
    }

    @Test
    void theDaemonSendsChanges_andDeletions_butNotUnchangedEnvironments() throws Exception {
        provisionTopics();
        Path steady = VenvFixture.venv(folder.resolve("steady"), "numpy==1.26.4");
        Path changing = VenvFixture.venv(folder.resolve("changing"), "tensorflow==2.10.0");
        // heartbeats every 1000 rounds of 1 s: none is due while the test runs, so the steady environment is sent once
        EnvauditJar.Running daemon = AGENT_JAR.start(publish("--interval", "1s", "--heartbeat-every", "1000",
                "--path", steady.toString(), changing.toString()));
        try {
            assertTrue(daemon.await(lines -> lines.stream().anyMatch(l -> l.startsWith("Publishing every 1s"))).stream()
                    .anyMatch(l -> l.startsWith("Publishing every 1s")));
            assertEquals(2, readUntil(r -> r.size() >= 2).size());

            VenvFixture.install(changing, "protobuf==4.21.12");
            List<ConsumerRecord<String, EnvironmentSnapshot>> records = readUntil(r -> r.size() >= 3);
            ConsumerRecord<String, EnvironmentSnapshot> change = records.get(records.size() - 1);
            assertTrue(change.key().endsWith("/" + changing));
            assertEquals(List.of("protobuf==4.21.12", "tensorflow==2.10.0"), packagesOf(change));

            VenvFixture.delete(changing);
            records = readUntil(r -> r.stream().anyMatch(x -> x.value() == null));
            assertEquals(1, recordsOf(records, changing, true));

            CommandResult stopped = daemon.stop();
            assertEquals(0, stopped.exitCode(), stopped.err());
            assertTrue(stopped.out().contains("Agent stopped"), stopped.out());
            assertTrue(stopped.err().contains(changing + ": "), "the vanished folder is reported as a read problem: " + stopped.err());
            long written = recordsWritten();
            assertEquals(1, recordsOf(readUntil(r -> r.size() >= written), steady, false), "the unchanged environment was sent once");
        } finally {
            daemon.kill();
        }
    }

    @Test
    void onceExitsOneWhenTheTopicIsMissing_andSaysWhy() throws Exception {
        Path environment = VenvFixture.venv(folder.resolve("env"), "numpy==1.26.4");

        CommandResult run = AGENT_JAR.run("", publish("--once", "--path", environment.toString()));

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("1 of 1 record(s) not delivered, kept for the next round"), run.err());
        assertTrue(run.err().contains(prefix + "snapshots"), "names the topic: " + run.err());
        assertTrue(run.err().contains("error: some environments were not delivered"), run.err());
        assertTrue(Files.readString(folder.resolve("state/published.properties")).lines().noneMatch(l -> l.contains(environment.toString())),
                "nothing undelivered is recorded as published");
    }

    @Test
    void fromPublishesListingsAndSnapshotFiles_identifiedByTheOptions() throws Exception {
        provisionTopics();
        String condaList = ConvertCommandTest.REAL + "tf212-gpu-defaults-condalist.txt"; // names its prefix
        String pipFreeze = ConvertCommandTest.REAL + "mediapipe-jax050-protobuf4256-pip-freeze.txt"; // names none
        String seed = "../samples/seed-tf210-anaconda-keras.json";
        CommandResult converted = CommandResult.inProcess(new EnvauditAgentCommand(), "convert", condaList, "--host-id", "ci-runner-1");
        assertEquals(0, converted.exitCode(), converted.err());
        EnvironmentSnapshot expected = AvroPlainJson.read(new StringReader(converted.out()), condaList, EnvironmentSnapshot.getClassSchema());

        CommandResult run = AGENT_JAR.run("", "agent", "publish", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix,
                "--from", condaList, pipFreeze, seed, "--host-id", "ci-runner-1", "--collected-at", "2026-11-30T09:00:00Z");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Published 3 of 3 environment(s) to " + prefix + "snapshots\n", run.out());
        Map<String, EnvironmentSnapshot> published = readUntil(r -> r.size() >= 3).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
        EnvironmentSnapshot fromCondaList = published.get(expected.getEnvironment().getId());
        assertEquals("ci-runner-1//home/jordan/anaconda3/envs/tf-2.12", expected.getEnvironment().getId(), "the prefix the listing names");
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), fromCondaList.getCollectedAt());
        assertEquals(expected.getPackages(), fromCondaList.getPackages(), "the listing read as convert reads it");
        assertTrue(published.containsKey("ci-runner-1/" + Path.of(pipFreeze).toAbsolutePath().normalize()),
                "a listing that names no prefix is the file's path: " + published.keySet());
        EnvironmentSnapshot seedSnapshot = AvroPlainJson.read(Files.newBufferedReader(Path.of(seed)), seed, EnvironmentSnapshot.getClassSchema());
        assertEquals(seedSnapshot, published.get(seedSnapshot.getEnvironment().getId()), "a snapshot file is published as it is");
    }

    @Test
    void fromPublishesTheEnvironmentAndPlatformOfALockAskedFor() throws Exception {
        provisionTopics();
        String lock = ConvertCommandTest.LOCKS + "robotics.pixi.lock";

        CommandResult run = AGENT_JAR.run("", "agent", "publish", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix,
                "--from", lock, "--pixi-environment", "cuda", "--platform", "linux-64", "--env-id", "ci/robotics-cuda",
                "--collected-at", "2026-11-30T09:00:00Z");

        assertEquals(0, run.exitCode(), run.err());
        ConsumerRecord<String, EnvironmentSnapshot> published = readUntil(r -> !r.isEmpty()).get(0);
        assertEquals("ci/robotics-cuda", published.key());
        assertEquals("cuda", published.value().getEnvironment().getName());
        assertEquals("linux-64", published.value().getPlatform().getSubdir());
        assertEquals(List.of("cuda-version==12.1", "python==3.11.9"), packagesOf(published));
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--path", "/x").exitCode(),
                "--once or --interval is required");
        assertEquals(2, CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--once", "--interval", "5m",
                "-b", "localhost:9").exitCode());
        CommandResult noBroker = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--once");
        assertEquals(2, noBroker.exitCode());
        assertTrue(noBroker.err().contains("no Kafka to connect to") || System.getenv(KafkaOptions.BOOTSTRAP_ENV) != null, noBroker.err());
        assertEquals(2, CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--interval", "5m", "-b", "localhost:9",
                "--heartbeat-every", "0").exitCode());
        CommandResult listingOptionWithoutFrom = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--once",
                "-b", "localhost:9", "--host-id", "h");
        assertEquals(2, listingOptionWithoutFrom.exitCode());
        assertTrue(listingOptionWithoutFrom.err().contains("error: --host-id applies only with --from (whose files they are, and when "
                + "they were taken)"), listingOptionWithoutFrom.err());
        CommandResult scanOptionsWithFrom = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "-b", "localhost:9",
                "--from", "environment.yml", "--state", "s.properties", "--path", "/opt/conda");
        assertEquals(2, scanOptionsWithFrom.exitCode());
        assertTrue(scanOptionsWithFrom.err().contains("error: --state, --path apply only with --once or --interval (the scan of this "
                + "machine, which --from does not make)"), scanOptionsWithFrom.err());
        CommandResult heartbeatsOnce = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--once", "-b",
                "localhost:9", "--heartbeat-every", "3");
        assertEquals(2, heartbeatsOnce.exitCode());
        assertTrue(heartbeatsOnce.err().contains("error: --heartbeat-every applies only with --interval"), heartbeatsOnce.err());
        CommandResult lockOptionWithoutFrom = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--once",
                "-b", "localhost:9", "--platform", "linux-64");
        assertEquals(2, lockOptionWithoutFrom.exitCode());
        assertTrue(lockOptionWithoutFrom.err().contains("error: --platform applies only with --from"), lockOptionWithoutFrom.err());
        CommandResult formatWithoutFrom = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--once",
                "-b", "localhost:9", "--input-format", "pip-freeze");
        assertEquals(2, formatWithoutFrom.exitCode());
        assertTrue(formatWithoutFrom.err().contains("error: --input-format applies only with --from"), formatWithoutFrom.err());
        String lock = ConvertCommandTest.LOCKS + "robotics.pixi.lock";
        CommandResult noSuchEnvironment = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "-b", "localhost:9",
                "--from", lock, "--pixi-environment", "gpu");
        assertEquals(2, noSuchEnvironment.exitCode());
        assertEquals("error: " + lock + ":7: no environment 'gpu' in the lock; it has cuda, default", noSuchEnvironment.err().strip());
        CommandResult missing = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "-b", "localhost:9",
                "--from", folder.resolve("none.txt").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("error: no such file: " + folder.resolve("none.txt")), missing.err());
    }
}
