package io.envaudit.cli;

import io.envaudit.engine.rules.Severity;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.topics.TopicProvisioningException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code envaudit run}: the streaming auditor on an existing cluster, until Ctrl-C or SIGTERM. More
 * instances with one application id share the partitions.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        defaultValueProvider = RunCommand.AuditDefaults.class,
        description = {
            "Run the streaming auditor on an existing Kafka cluster until Ctrl-C or SIGTERM.",
            "Creates envaudit's missing topics; refuses, saying what to do, existing ones with the wrong settings.",
            "Exit 0 once stopped, 1 when the topics are refused or the auditor fails, 2 on bad options."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", defaultValue = StreamingAuditor.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id: instances with the same one share the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${sys:java.io.tmpdir}/envaudit-streams",
            description = "Where the auditor keeps its local stores, a cache of their changelog topics rebuilt when missing; "
                    + "one instance per directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions of the snapshots topic and those that follow it, when they are created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication of the topics envaudit creates (default: the broker's).")
    Short replicationFactor;

    @Option(names = "--drift-threshold", converter = AuditCommand.SeverityConverter.class,
            description = "Lowest severity of an open conflict that makes an environment drifted: info, warning, error or "
                    + "critical (default: ${DEFAULT-VALUE}).")
    Severity driftThreshold;

    @Option(names = "--stale-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Silence after which an environment is stale: 3d, 12h, 90m, 30s (default: ${DEFAULT-VALUE}).")
    Duration staleAfter;

    @Option(names = "--retire-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Silence after which an environment is retired, no shorter than --stale-after (default: ${DEFAULT-VALUE}).")
    Duration retireAfter;

    @Option(names = "--reaudit-chunk", paramLabel = "N",
            description = "Environments re-audited per step after a rule changes (default: ${DEFAULT-VALUE}).")
    int reauditChunk;

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:9464", converter = SocketAddressConverter.class,
            description = "Where to serve /metrics (Prometheus), /health and /ready (default: ${DEFAULT-VALUE}; port 0: any free port).")
    InetSocketAddress metricsAddress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The audit options default to what the auditor uses by default, which the help then shows. */
    static final class AuditDefaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argument) {
            if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
                return null;
            }
            AuditSettings defaults = AuditSettings.DEFAULTS;
            return switch (option.longestName()) {
                case "--drift-threshold" -> defaults.driftThreshold().label();
                case "--stale-after" -> DurationConverter.format(defaults.staleAfter());
                case "--retire-after" -> DurationConverter.format(defaults.retireAfter());
                case "--reaudit-chunk" -> Integer.toString(defaults.reauditChunk());
                default -> null;
            };
        }
    }

    /**
     * The audit options as settings.
     *
     * @throws IllegalArgumentException for a combination the auditor refuses, saying why
     */
    AuditSettings settings() {
        if (AuditSettings.retiresBeforeStale(staleAfter, retireAfter)) {
            // said here, in the options' own words: the settings' check would name ISO durations
            throw new IllegalArgumentException("--retire-after (" + DurationConverter.format(retireAfter)
                    + ") is shorter than --stale-after (" + DurationConverter.format(staleAfter) + ")");
        }
        return new AuditSettings(driftThreshold, staleAfter, retireAfter, reauditChunk);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> client;
        AuditSettings settings;
        try {
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
            }
            client = kafka.clientConfig(System.getenv());
            settings = settings();
        } catch (KafkaOptions.UsageError | IllegalArgumentException e) {
            return Exit.usage(err, e.getMessage());
        }
        Optional<String> failure;
        try (StopRequest stop = StopRequest.onSignals(); StatusEndpoint status = StatusEndpoint.bind(metricsAddress)) {
            failure = run(client, settings, status, stop, out);
        } catch (TopicProvisioningException | KafkaException | IOException e) {
            failure = Optional.of(e.getMessage());
        }
        if (failure.isPresent()) {
            return Exit.failure(err, failure.get());
        }
        out.println("Auditor stopped");
        out.flush();
        return 0;
    }

    private Optional<String> run(Map<String, Object> client, AuditSettings settings, StatusEndpoint status, StopRequest stop, PrintWriter out)
            throws InterruptedException, IOException {
        try (ClusterTopics cluster = ClusterTopics.provision(client, kafka.topicPrefix, partitions, Optional.ofNullable(replicationFactor))) {
            if (stop.isRequested()) {
                return stop.failure();
            }
            Runnable announce = () -> {
                out.println("Auditor running (application id " + applicationId + ") on " + client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                        + "; alerts on " + cluster.topics().alerts().name());
                out.flush();
            };
            try (RunningAuditor auditor = RunningAuditor.start(cluster, applicationId, stateDir, settings, status, stop, announce)) {
                out.println("Metrics on http://" + metricsAddress.getHostString() + ":" + auditor.metricsPort() + "/metrics");
                out.flush();
                stop.await();
                out.println("stopping ...");
                out.flush();
            }
        }
        return stop.failure();
    }
}
