package io.envaudit.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to run the embedded broker.
 *
 * @param dataDir          everything the broker keeps: its log dir, the recorded ports, the lock
 * @param brokerPort       the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one the first
 *                         time and reuses the recorded one after that
 * @param controllerPort   the KRaft controller port on 127.0.0.1; 0 as for {@code brokerPort}
 * @param brokerProperties extra broker properties, applied over the defaults; the keys that
 *                         define the node's identity, listeners and directories are refused
 * @param startTimeout     how long {@link EmbeddedKafka#start} waits for the broker to serve
 */
public record EmbeddedKafkaConfig(
        Path dataDir,
        int brokerPort,
        int controllerPort,
        Map<String, String> brokerProperties,
        Duration startTimeout) {

    /** Where the data dir goes under a project or home root. */
    public static final Path DEFAULT_DATA_DIR = Path.of(".envaudit", "kafka");
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        checkPort("brokerPort", brokerPort);
        checkPort("controllerPort", controllerPort);
        if (brokerPort != 0 && brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort are both " + brokerPort);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        brokerProperties = Map.copyOf(new TreeMap<>(brokerProperties));
        BrokerProperties.checkExtras(brokerProperties);
    }

    /** The defaults with data in {@code root/.envaudit/kafka}. */
    public static EmbeddedKafkaConfig under(Path root) {
        return at(root.resolve(DEFAULT_DATA_DIR));
    }

    /** The defaults with data in {@code dataDir}: free (then recorded) ports, no extra properties. */
    public static EmbeddedKafkaConfig at(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, 0, 0, Map.of(), DEFAULT_START_TIMEOUT);
    }

    public EmbeddedKafkaConfig withPorts(int newBrokerPort, int newControllerPort) {
        return new EmbeddedKafkaConfig(dataDir, newBrokerPort, newControllerPort, brokerProperties, startTimeout);
    }

    public EmbeddedKafkaConfig withBrokerProperty(String key, String value) {
        Map<String, String> merged = new TreeMap<>(brokerProperties);
        merged.put(key, value);
        return new EmbeddedKafkaConfig(dataDir, brokerPort, controllerPort, merged, startTimeout);
    }

    public EmbeddedKafkaConfig withStartTimeout(Duration newStartTimeout) {
        return new EmbeddedKafkaConfig(dataDir, brokerPort, controllerPort, brokerProperties, newStartTimeout);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (pick a free port) or 1-65535: " + port);
        }
    }
}
