package io.envaudit.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

    @Test
    void defaultsPutTheDataDirUnderTheRoot() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.under(Path.of("/srv/project"));

        assertEquals(Path.of("/srv/project/.envaudit/kafka"), config.dataDir());
        assertEquals(0, config.brokerPort());
        assertEquals(0, config.controllerPort());
        assertEquals(Map.of(), config.brokerProperties());
        assertEquals(EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT, config.startTimeout());
    }

    @Test
    void relativeDataDirsBecomeAbsolute() {
        assertTrue(EmbeddedKafkaConfig.at(Path.of("data")).dataDir().isAbsolute());
    }

    @Test
    void extraPropertiesAreKept() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.at(Path.of("/d"))
                .withBrokerProperty("log.retention.hours", "24")
                .withBrokerProperty("num.partitions", "4");

        assertEquals(Map.of("log.retention.hours", "24", "num.partitions", "4"), config.brokerProperties());
    }

    @Test
    void propertiesOwnedByTheLauncherAreRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafkaConfig.at(Path.of("/d")).withBrokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"));

        assertTrue(refused.getMessage().contains("listeners"), refused.getMessage());
    }

    @Test
    void portsAreCheckedByName() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.at(Path.of("/d"));

        assertThrows(IllegalArgumentException.class, () -> config.withPorts(70000, 0));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> config.withPorts(0, -1));
        assertTrue(negative.getMessage().contains("controllerPort"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.withPorts(9092, 9092));
        assertEquals(9092, config.withPorts(9092, 0).brokerPort());
    }

    @Test
    void startTimeoutMustBePositive() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.at(Path.of("/d"));

        assertThrows(IllegalArgumentException.class, () -> config.withStartTimeout(Duration.ZERO));
        assertEquals(Duration.ofSeconds(5), config.withStartTimeout(Duration.ofSeconds(5)).startTimeout());
    }
}
