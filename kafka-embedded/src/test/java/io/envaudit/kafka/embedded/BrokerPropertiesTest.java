package io.envaudit.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

    private static final ListenerPorts PORTS = new ListenerPorts(19092, 19093);

    @Test
    void oneCombinedNodeOnLoopback() {
        Map<String, String> props = BrokerProperties.of(Path.of("/d/logs"), PORTS, Map.of());

        assertEquals("broker,controller", props.get("process.roles"));
        assertEquals("1", props.get("node.id"));
        assertEquals("1@127.0.0.1:19093", props.get("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", props.get("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:19092", props.get("advertised.listeners"));
        assertEquals("CONTROLLER", props.get("controller.listener.names"));
        assertEquals("/d/logs", props.get("log.dirs"));
    }

    @Test
    void internalTopicsFitOneNode() {
        Map<String, String> props = BrokerProperties.of(Path.of("/d/logs"), PORTS, Map.of());

        assertEquals("1", props.get("offsets.topic.replication.factor"));
        assertEquals("1", props.get("transaction.state.log.replication.factor"));
        assertEquals("1", props.get("transaction.state.log.min.isr"));
        assertEquals("0", props.get("group.initial.rebalance.delay.ms"));
        assertEquals("false", props.get("auto.create.topics.enable"));
        assertEquals("1", props.get("num.partitions"));
    }

    @Test
    void extrasOverrideDefaultsButNotIdentity() {
        Map<String, String> props = BrokerProperties.of(Path.of("/d/logs"), PORTS, Map.of("num.partitions", "4"));

        assertEquals("4", props.get("num.partitions"));
        assertThrows(IllegalArgumentException.class,
                () -> BrokerProperties.of(Path.of("/d/logs"), PORTS, Map.of("node.id", "2")));
    }
}
