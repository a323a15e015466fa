package io.envaudit.kafka.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The broker configuration of the single node: identity, listeners, one-node defaults, extras. */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "127.0.0.1";

    /** Set by the launcher alone: changing them would break the format, the ports file or the lock. */
    static final Set<String> OWNED_KEYS = Set.of(
            "process.roles", "node.id", "broker.id",
            "listeners", "advertised.listeners", "listener.security.protocol.map",
            "inter.broker.listener.name", "controller.listener.names",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dirs", "log.dir", "metadata.log.dir");

    private BrokerProperties() {
    }

    static void checkExtras(Map<String, String> extras) {
        for (String key : extras.keySet()) {
            if (OWNED_KEYS.contains(key)) {
                throw new IllegalArgumentException("broker property " + key
                        + " is set by the embedded launcher and cannot be overridden");
            }
        }
    }

    static Map<String, String> of(Path logDir, ListenerPorts ports, Map<String, String> extras) {
        checkExtras(extras);
        Map<String, String> props = new TreeMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // A static one-voter quorum: the node elects itself, no bootstrap dance (KIP-853 not needed).
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ports.controller());
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + ports.broker() + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + ports.controller());
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + ports.broker());
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("log.dirs", logDir.toString());

        // Internal topics default to 3 replicas and min.isr 2; one node can never meet that, and
        // transactional producers and consumer groups would wait forever for their topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // No other member will ever join: do not hold the first rebalance back 3 s for one.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are declared by envaudit; a typo in a client must fail, not create a topic.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");

        props.putAll(extras);
        return props;
    }
}
