package io.envaudit.cli;

import io.envaudit.agent.MachineScan;
import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.publish.PublishRounds;
import io.envaudit.agent.publish.SnapshotPublisher;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;
import io.envaudit.kafka.embedded.EmbeddedKafkaException;
import io.envaudit.router.AlertRouter;
import io.envaudit.router.RouterSettings;
import io.envaudit.router.RunningRouter;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.rules.RulePublication;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.streams.rules.RulesTopicException;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.ProducerSettings;
import io.envaudit.topics.TopicProvisioningException;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code envaudit up}: everything on this machine, with nothing to install — a real single-node Kafka
 * broker in-process, the topics, the default rules, the streaming auditor, the sample environments and this
 * machine's own —
 * then the alerts printed as they open and resolve, until Ctrl-C. A second run reuses the data.
 */
@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Run everything on this machine: an embedded Kafka broker, the auditor, the default rules.",
            "Starts an embedded Kafka broker, the streaming auditor and the default rules, publishes the sample "
                    + "environments (samples/README.md) and this machine's own, and prints alerts as they open and resolve, until "
                    + "Ctrl-C. Data stays in --data-dir. With --routes, also routes the alerts as 'envaudit route' does.",
            "Exit 0 once stopped, 1 when something fails to start or the auditor or the router stops on an error, 2 on a "
                    + "bad routes file or proxy variable."})
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = ".envaudit", description = "Where the broker and the auditor keep their data (default: ./.envaudit).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the snapshot topic when it is created (default: 4).")
    int partitions;

    @Option(names = "--no-sample", description = "Do not publish the sample environments.")
    boolean noSample;

    @Option(names = "--no-scan", description = "Do not scan and publish this machine's own environments (as 'envaudit agent publish --once' does).")
    boolean noScan;

    @Option(names = "--routes", paramLabel = "FILE",
            description = "Also route the alerts to chat, webhooks or Alertmanager, as 'envaudit route --config FILE' does (docs/router.md).")
    Path routesFile;

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9464", converter = SocketAddressConverter.class,
            description = "Where to serve /metrics (Prometheus), /health and /ready (default: ${DEFAULT-VALUE}; port 0: any free port).")
    InetSocketAddress metricsAddress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Ctrl-C and SIGTERM are handled from the start: a stop asked for while the broker starts waits for
        // the start, then closes it cleanly, and the last line is printed before the JVM exits
        RoutesConfig routes = null;
        if (routesFile != null) {
            Optional<RoutesConfig> read = RoutesFileArgument.load(routesFile, System.getenv(), err);
            if (read.isEmpty()) {
                return 2;
            }
            routes = read.get();
        }
        // the registry and the status server outlive every part: the router's last deliveries still count, and are served
        try (StopRequest stop = StopRequest.onSignals(); StatusEndpoint status = StatusEndpoint.bind(metricsAddress)) {
            try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dataDir.resolve("kafka")))) {
                out.println("Kafka broker up at " + kafka.bootstrapServers() + " (data in " + dataDir + ")");
                out.flush();
                serve(kafka.bootstrapServers(), routes, status, stop, out, err);
            }
            out.println("envaudit stopped; data kept in " + dataDir);
            out.flush();
            return stop.failure().map(failure -> Exit.failure(err, failure)).orElse(0);
        } catch (EmbeddedKafkaException | TopicProvisioningException | RulesTopicException | KafkaException | IOException e) {
            return Exit.failure(err, e.getMessage());
        }
    }

    /** The topics, the default pack, the auditor, the sample and the alerts; what is left is skipped once a stop is asked for. */
    private void serve(String bootstrap, RoutesConfig routes, StatusEndpoint status, StopRequest stop, PrintWriter out, PrintWriter err)
            throws Exception {
        if (stop.isRequested()) {
            return;
        }
        try (ClusterTopics cluster = ClusterTopics.provision(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                EnvauditTopics.DEFAULT_PREFIX, partitions, Optional.empty())) {
            if (stop.isRequested()) {
                return;
            }
            publishDefaultPack(cluster, out);
            if (stop.isRequested()) {
                return;
            }
            // the router starts first, counting in the registry the auditor serves, so that /ready answers for both from the start
            try (RunningRouter router = routes == null ? null : AlertRouter.start(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    cluster.topics(), routes, RouterSettings.defaults().withMeters(status.meters()))) {
                if (router != null) {
                    status.add("router", RouterProbes.health(router),
                            RouterProbes.ready(router, cluster.topics().alerts().name(), RouterSettings.DEFAULT_GROUP_ID));
                    // as a failed auditor does: up stops, closes the rest, and exits 1 with the cause
                    router.onFailure(failure -> stop.fail("the router stopped: " + failure.getMessage()));
                }
                try (RunningAuditor auditor = RunningAuditor.start(cluster, StreamingAuditor.DEFAULT_APPLICATION_ID, dataDir.resolve("streams"),
                        AuditSettings.DEFAULTS, status, stop, () -> { })) {
                    out.println("Auditor started (application id " + StreamingAuditor.DEFAULT_APPLICATION_ID + "), metrics on http://"
                            + metricsAddress.getHostString() + ":" + auditor.metricsPort() + "/metrics; alerts on " + cluster.topics().alerts().name() + ":");
                    if (router != null) {
                        out.println("Routing the alerts to " + String.join(", ", routes.receivers().keySet()) + " (" + routesFile + ")");
                    }
                    out.flush();
                    if (!noSample) {
                        publishSample(bootstrap, cluster.topics());
                    }
                    if (!noScan && !stop.isRequested()) {
                        publishThisMachine(bootstrap, cluster.topics(), out, err);
                    }
                    printAlerts(bootstrap, cluster.topics(), out, stop);
                    out.println("stopping ...");
                    out.flush();
                }
            }
        }
    }

    /** Upgrades what an earlier pack left; prints the updates, deletions and kept user edits, and a count of all. */
    private static void publishDefaultPack(ClusterTopics cluster, PrintWriter out) {
        String topic = cluster.topics().rules().name();
        RulePublication upgrade = RulePublication.ofDefaultPack(cluster.publishedRules(),
                RuleRecords.ofDefaultPack(Set.copyOf(BuiltInChecks.ids()), Instant.now()));
        cluster.publish(upgrade);
        Set<RulePublication.Outcome> shown = Set.of(RulePublication.Outcome.UPDATED, RulePublication.Outcome.DELETED,
                RulePublication.Outcome.KEPT);
        upgrade.changes().stream().filter(change -> shown.contains(change.outcome()))
                .forEach(change -> out.println(PublicationReport.line(change, topic)));
        out.println("Default rule pack " + DefaultRulePack.VERSION + " on " + topic + ": " + PublicationReport.summary(upgrade));
        out.flush();
    }

    private static void publishSample(String bootstrap, EnvauditTopics topics) throws Exception {
        try (KafkaProducer<String, EnvironmentSnapshot> producer = new KafkaProducer<>(
                ProducerSettings.ordered(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)),
                topics.snapshots().keySerde().serializer(), topics.snapshots().valueSerde().serializer())) {
            // as just collected: a sample stamped with the day it was made would turn stale three days later
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (String resource : SampleEnvironments.resources()) {
                EnvironmentSnapshot sample = EnvironmentSnapshot.newBuilder(SampleEnvironments.read(resource)).setCollectedAt(now).build();
                producer.send(new ProducerRecord<>(topics.snapshots().name(), sample.getEnvironment().getId(), sample)).get();
            }
        }
    }

    /**
     * This machine's environments, found and read as {@code agent publish --once} does them, beside the sample; the
     * state file in the data folder lets a later run tombstone the environments deleted since.
     */
    private void publishThisMachine(String bootstrap, EnvauditTopics topics, PrintWriter out, PrintWriter err) {
        MachineScan scan = new MachineScan(AgentConfig.defaults(), System.getenv(), Clock.systemUTC());
        // an extra beside the sample: a failure here is reported, and up goes on
        try (SnapshotPublisher publisher = new SnapshotPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topics.snapshots())) {
            SnapshotPublisher.Delivery delivery = new PublishRounds(() -> scan.run(List.of()), publisher,
                    dataDir.resolve("agent-published.properties"), Clock.systemUTC()).run(Duration.ZERO);
            out.println("This machine's environments: " + delivery.snapshots() + " published, " + delivery.tombstones() + " deleted"
                    + (delivery.complete() ? "" : ", " + delivery.undelivered().size() + " not delivered (see the log)"));
            out.flush();
        } catch (KafkaException | UncheckedIOException e) {
            err.println("error: this machine's environments were not published: " + e.getMessage());
            err.flush();
        }
    }

    /** Prints committed alerts until a stop is asked for; a poll is short so that the stop is seen soon. */
    private static void printAlerts(String bootstrap, EnvauditTopics topics, PrintWriter out, StopRequest stop) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "envaudit-up-console",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, ConflictAlert> consumer = new KafkaConsumer<>(config, topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.alerts().name()));
            while (!stop.isRequested()) {
                for (ConsumerRecord<String, ConflictAlert> record : consumer.poll(Duration.ofMillis(200))) {
                    out.println(AlertLine.of(record.value()));
                }
                out.flush();
                consumer.commitSync();
            }
        }
    }
}
