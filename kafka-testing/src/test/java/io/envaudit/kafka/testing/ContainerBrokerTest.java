package io.envaudit.kafka.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** The Testcontainers broker's choices that need no Docker, and its failure where there is none. */
class ContainerBrokerTest {

    @Test
    void theDefaultImageIsApacheKafkaAtTheVersionOfOurKafkaJars() {
        // Maven filtered kafka.version into the resource; the jars on this class path are of that version.
        String kafkaJars = AppInfoParser.getVersion();
        assertEquals("apache/kafka:" + kafkaJars, ContainerBroker.defaultImage());
    }

    @Test
    void withoutDockerTheStartFailsAtOnceSayingWhatToDo() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is here: KafkaBrokerIT with -Denvaudit.it.kafka=testcontainers starts the real container");
        long started = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ContainerBroker.start("apache/kafka:4.4.0").close());
        System.out.printf("ContainerBrokerTest: refused without Docker in %d ms: %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), e.getMessage());
        assertTrue(e.getMessage().startsWith("envaudit.it.kafka=testcontainers runs the test broker in Docker (apache/kafka:4.4.0),"
                + " but Testcontainers found no Docker engine"), e.getMessage());
        assertTrue(e.getMessage().endsWith("leave envaudit.it.kafka and ENVAUDIT_IT_KAFKA unset to use the embedded broker."), e.getMessage());
    }
}
