package io.envaudit.router;

import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.delivery.ReceiverClient;
import io.envaudit.router.delivery.ReceiverClients;
import io.envaudit.router.delivery.ReceiverLane;
import io.envaudit.router.delivery.RouterMetrics;
import io.envaudit.router.log.Journal;
import io.envaudit.router.loop.Outcomes;
import io.envaudit.router.loop.RouterLoop;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.topics.EnvauditTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The alert router (docs/router.md): reads envaudit.alerts and sends each alert, grouped per receiver and
 * rule, to the receivers its routes file names — Slack, Mattermost, Rocket.Chat, Teams, webhooks,
 * Alertmanager — at least once, and after a restart not again.
 *
 * <pre>{@code
 * RoutesConfig routes = RoutesFile.load(Path.of("routes.yaml"), System.getenv());
 * try (RunningRouter router = AlertRouter.start(clientConfig, topics, routes)) {
 *     ...
 * }
 * }</pre>
 *
 * The topics it writes ({@code alerts.dlq}, {@code router.deliveries}, {@code router.firing}) must exist:
 * they are among {@link EnvauditTopics#all()}, which {@code TopicProvisioner} creates.
 */
public final class AlertRouter {
    private AlertRouter() {
    }

    /** Starts a router with {@link RouterSettings#defaults()}. */
    public static RunningRouter start(Map<String, Object> clientConfig, EnvauditTopics topics, RoutesConfig routes) {
        return start(clientConfig, topics, routes, RouterSettings.defaults());
    }

    /**
     * @param clientConfig what every Kafka client of the deployment needs ({@code bootstrap.servers}, security)
     * @throws IllegalArgumentException when a proxy variable holds no usable proxy
     */
    public static RunningRouter start(Map<String, Object> clientConfig, EnvauditTopics topics, RoutesConfig routes,
                                      RouterSettings settings) {
        Map<String, ReceiverClient> clients = ReceiverClients.of(routes, settings.environment());
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, ConflictAlert> consumer = new KafkaConsumer<>(consumerConfig,
                topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer());
        Journal journal = new Journal(clientConfig, topics);
        Outcomes outcomes = new Outcomes(consumer::wakeup);
        Map<String, ReceiverLane> lanes = new LinkedHashMap<>();
        RouterMetrics metrics = new RouterMetrics(settings.meters(), clients.keySet());
        clients.forEach((name, client) -> lanes.put(name, new ReceiverLane(client, journal, outcomes, settings.groupId(), metrics,
                RandomGenerator.getDefault())));
        RouterLoop loop = new RouterLoop(consumer, clientConfig, topics, routes, lanes, outcomes, journal, settings.groupId(),
                settings.maxWaiting(), settings.logReadTimeout());
        RunningRouter running = new RunningRouter(loop, () -> {
            // in this order: closing the consumer revokes its partitions, which settles what the lanes are posting
            try (journal) {
                try {
                    consumer.close();
                } finally {
                    lanes.values().forEach(ReceiverLane::close);
                }
            }
        });
        running.start();
        return running;
    }
}
