package io.envaudit.topics;

import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.EnvironmentStatus;
import io.envaudit.wire.AvroSingleObjectSerde;
import io.envaudit.wire.SchemaRegistry;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every envaudit topic, each with its key, value and settings, under one name prefix ({@code envaudit.}
 * by default). docs/architecture.md describes them; this is the one place they are declared.
 */
public final class EnvauditTopics {
    public static final String DEFAULT_PREFIX = "envaudit.";

    private static final Map<String, String> COMPACTED = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private final Topic<String, EnvironmentSnapshot> snapshots;
    private final Topic<String, CompatibilityRule> rules;
    private final Topic<String, CompatibilityRule> rulesBroadcast;
    private final Topic<String, ConflictAlert> alerts;
    private final Topic<String, EnvironmentStatus> status;
    private final Topic<byte[], byte[]> deadLetters;
    private final Topic<String, AlertNotification> alertDeadLetters;
    private final Topic<String, AlertNotification> routerDeliveries;
    private final Topic<String, ConflictAlert> routerFiring;
    private final SchemaRegistry registry;

    public EnvauditTopics(String prefix, SchemaRegistry registry) {
        this.registry = registry;
        Serde<String> key = Serdes.String();
        this.snapshots = new Topic<>(prefix + "snapshots", key, new AvroSingleObjectSerde<>(EnvironmentSnapshot.class, registry),
                retention(Duration.ofDays(7)), true);
        this.rules = new Topic<>(prefix + "rules", key, new AvroSingleObjectSerde<>(CompatibilityRule.class, registry),
                COMPACTED, false);
        // every partition of the snapshots has its own copy of the rules: see docs/architecture.md
        this.rulesBroadcast = new Topic<>(prefix + "rules-broadcast", key, rules.valueSerde(), COMPACTED, true);
        this.alerts = new Topic<>(prefix + "alerts", key, new AvroSingleObjectSerde<>(ConflictAlert.class, registry),
                retention(Duration.ofDays(30)), true);
        this.status = new Topic<>(prefix + "status", key, new AvroSingleObjectSerde<>(EnvironmentStatus.class, registry),
                COMPACTED, true);
        // the original bytes, whatever they were, with the reason in headers
        this.deadLetters = new Topic<>(prefix + "dlq", Serdes.ByteArray(), Serdes.ByteArray(), retention(Duration.ofDays(30)), false);
        // the alert router's (docs/router.md): notifications it gave up on, what it posted, what Alertmanager must keep firing
        Serde<AlertNotification> notifications = new AvroSingleObjectSerde<>(AlertNotification.class, registry);
        this.alertDeadLetters = new Topic<>(prefix + "alerts.dlq", key, notifications, retention(Duration.ofDays(30)), false);
        this.routerDeliveries = new Topic<>(prefix + "router.deliveries", key, notifications, COMPACTED, false);
        this.routerFiring = new Topic<>(prefix + "router.firing", key, alerts.valueSerde(), COMPACTED, false);
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }

    public Topic<String, EnvironmentSnapshot> snapshots() {
        return snapshots;
    }

    public Topic<String, CompatibilityRule> rules() {
        return rules;
    }

    public Topic<String, CompatibilityRule> rulesBroadcast() {
        return rulesBroadcast;
    }

    public Topic<String, ConflictAlert> alerts() {
        return alerts;
    }

    public Topic<String, EnvironmentStatus> status() {
        return status;
    }

    public Topic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /** Notifications the alert router could not deliver, with the reason; key: notification id. */
    public Topic<String, AlertNotification> alertDeadLetters() {
        return alertDeadLetters;
    }

    /** What the alert router is about to post and has posted; key: notification id. */
    public Topic<String, AlertNotification> routerDeliveries() {
        return routerDeliveries;
    }

    /** The alerts the router keeps firing in Alertmanager; key: router, receiver and alert key; tombstone = resolved there. */
    public Topic<String, ConflictAlert> routerFiring() {
        return routerFiring;
    }

    /** The registry all these serdes write to and read from; state stores' serdes use it too. */
    public SchemaRegistry registry() {
        return registry;
    }

    /** All of them, the snapshots first: its partition count is the one the others follow. */
    public List<Topic<?, ?>> all() {
        return List.of(snapshots, rules, rulesBroadcast, alerts, status, deadLetters, alertDeadLetters, routerDeliveries, routerFiring);
    }
}
