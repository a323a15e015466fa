package io.envaudit.cli;

import io.envaudit.router.AlertRouter;
import io.envaudit.router.RouterSettings;
import io.envaudit.router.RunningRouter;
import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.status.StatusServer;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.topics.TopicProvisioningException;
import io.envaudit.wire.SchemaRegistryTopic;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code envaudit route}: the alert router (docs/router.md) against an existing cluster, until Ctrl-C.
 * Everything about where alerts go is in the routes file; this command reads and checks it, makes the
 * router's topics ready, and runs the router.
 */
@Command(name = "route", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Route the alerts to chat, webhooks and Alertmanager until Ctrl-C.",
            "Sends the alerts of envaudit.alerts to Slack, Mattermost, Rocket.Chat, Teams, webhooks and Alertmanager as the"
                    + " routes file says (docs/router.md), grouped per receiver and rule.",
            "Exit 2 on a bad routes file or option, 1 when the router cannot run or stops on an error."})
final class RouteCommand implements Callable<Integer> {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The routes file (YAML).")
    Path config;

    @Option(names = "--group", defaultValue = RouterSettings.DEFAULT_GROUP_ID,
            description = "Consumer group of the router; routers with other groups route on their own (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--check", description = "Check the routes file and its secrets, list the receivers, and exit.")
    boolean check;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the router's metrics for Prometheus at /metrics on this port, with /health and /ready "
                    + "(0: any free port, printed).")
    Integer metricsPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment variables: the routes file's secrets and the proxy come from them. Replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<RoutesConfig> read = RoutesFileArgument.load(config, environment, err);
        if (read.isEmpty()) {
            return 2;
        }
        RoutesConfig routes = read.get();
        if (check) {
            describe(routes, out);
            int receivers = routes.receivers().size();
            out.println(config + ": " + receivers + (receivers == 1 ? " receiver" : " receivers") + ", no problems");
            out.flush();
            return 0;
        }
        Map<String, Object> client;
        try {
            client = kafka.clientConfig(environment);
        } catch (KafkaOptions.UsageError e) {
            return fail(err, e.getMessage(), 2);
        }
        String schemas = SchemaRegistryTopic.topicName(kafka.topicPrefix);
        try (SchemaRegistryTopic registry = SchemaRegistryTopic.connect(client, schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT)) {
            EnvauditTopics topics = new EnvauditTopics(kafka.topicPrefix, registry);
            String problem = prepareTopics(client, topics, schemas);
            if (problem != null) {
                return fail(err, problem, 1);
            }
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            // the proxy variables were checked with the routes file: a bad one is a usage error before Kafka is reached
            RunningRouter router = AlertRouter.start(client, topics, routes, RouterSettings.defaults().withGroupId(group)
                    .withEnvironment(environment).withMeters(meters));
            StatusServer status;
            try {
                status = metricsPort == null ? null : StatusServer.start(new InetSocketAddress(metricsPort), meters::scrape,
                        RouterProbes.health(router), RouterProbes.ready(router, topics.alerts().name(), group));
            } catch (IOException e) {
                closeQuietly(router);
                return fail(err, "cannot serve metrics on port " + metricsPort + ": " + e.getMessage(), 1);
            }
            try (status) {
                Thread hook = new Thread(() -> closeQuietly(router), "envaudit-route-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                out.println("Routing the alerts of " + topics.alerts().name() + " (group " + group + ") to:");
                describe(routes, out);
                if (status != null) {
                    out.println("Metrics at http://localhost:" + status.port() + "/metrics, health at /health, readiness at /ready");
                }
                out.flush();
                router.await();
                if (router.failure().isPresent()) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    return fail(err, "the router stopped: " + router.failure().get().getMessage(), 1);
                }
            }
        }
        return 0;
    }

    /** One line per receiver: its name, type, where its URL comes from (never the URL), its CA file, its window and rate. */
    private static void describe(RoutesConfig routes, PrintWriter out) {
        for (ReceiverConfig receiver : routes.receivers().values()) {
            out.println("  " + receiver.name() + ": " + receiver.type().label() + ", URL from " + receiver.url().source()
                    + receiver.caFile().map(caFile -> ", TLS trusting only the CAs of " + caFile.path()).orElse("")
                    + ", messages grouped over " + receiver.groupWindow().toMillis() + " ms"
                    + receiver.rateLimit().map(limit -> ", at most " + limit.messages() + " per " + limit.period().toSeconds() + " s")
                    .orElse(""));
        }
    }

    /** The alerts topic must exist (the auditor makes it); the router's own topics are made if missing. Null when ready. */
    private static String prepareTopics(Map<String, Object> client, EnvauditTopics topics, String schemas) throws InterruptedException {
        try (Admin admin = Admin.create(client)) {
            if (!admin.listTopics().names().get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topics.alerts().name())) {
                return "topic " + topics.alerts().name() + " does not exist: start the auditor first (envaudit up), or give the"
                        + " --topic-prefix it uses";
            }
            TopicProvisioner provisioner = new TopicProvisioner(admin, KAFKA_TIMEOUT);
            provisioner.ensure(SchemaRegistryTopic.declaration(schemas));
            // the alerts topic first: the provisioner takes partition counts from the first topic, and these three have one
            provisioner.ensure(List.of(topics.alerts(), topics.alertDeadLetters(), topics.routerDeliveries(), topics.routerFiring()),
                    1, Optional.empty());
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return "cannot reach Kafka at " + client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + (e.getCause() == null ? e : e.getCause()).getMessage();
        } catch (TopicProvisioningException e) {
            return e.getMessage();
        }
    }

    private static void closeQuietly(RunningRouter router) {
        try {
            router.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println("error: " + message);
        err.flush();
        return code;
    }
}
