package io.envaudit.kafka.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a Docker container, through Testcontainers' Kafka module. Only {@link BrokerKind#TESTCONTAINERS}
 * touches this class, so the default path never loads Testcontainers.
 */
final class ContainerBroker implements RunningBroker {
    static final String IMAGE_PROPERTY = "envaudit.it.kafka.image";
    static final String IMAGE_VARIABLE = "ENVAUDIT_IT_KAFKA_IMAGE";

    /**
     * The broker settings the integration tests rely on, as the embedded broker sets them. The image
     * applies its packaged one-node defaults only when given no configuration at all; Testcontainers
     * gives it some (listeners, and most of these), so Kafka's built-in defaults would hold for the
     * rest: internal topics with 3 replicas and min.isr 2, which one node never meets, and topics
     * created by any client that names one. All are set here, so none depends on what Testcontainers
     * happens to set.
     */
    static final Map<String, String> ONE_NODE_SETTINGS = Map.of(
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1",
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1",
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1",
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1",
            "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0",
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    /** A first run pulls the image; later ones start in seconds. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    /** {@value #IMAGE_PROPERTY}, else {@value #IMAGE_VARIABLE}, else apache/kafka at the version of our Kafka jars. */
    static String image() {
        String image = BrokerKind.setting(IMAGE_PROPERTY, IMAGE_VARIABLE);
        return image != null ? image : defaultImage();
    }

    static ContainerBroker start(String image) {
        requireDocker(image);
        // An overriding image (a mirror, say) is taken as an apache/kafka; its start shows if it is not.
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"))
                .withEnv(ONE_NODE_SETTINGS)
                .withStartupTimeout(START_TIMEOUT);
        container.start();
        return new ContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.close();
    }

    /**
     * Fails at once, saying what to do, when Testcontainers finds no Docker engine: otherwise the first
     * container start fails with Testcontainers' generic "Could not find a valid Docker environment".
     */
    private static void requireDocker(String image) {
        try {
            DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            throw new IllegalStateException(BrokerKind.PROPERTY + "=" + BrokerKind.TESTCONTAINERS.key()
                    + " runs the test broker in Docker (" + image + "), but Testcontainers found no Docker engine ("
                    + e.getMessage() + "). Start Docker, or point DOCKER_HOST at one; or leave " + BrokerKind.PROPERTY
                    + " and " + BrokerKind.VARIABLE + " unset to use the embedded broker.", e);
        }
    }

    static String defaultImage() {
        Properties properties = new Properties();
        try (InputStream in = ContainerBroker.class.getResourceAsStream("container.properties")) {
            if (in == null) {
                throw new IllegalStateException("container.properties is missing beside " + ContainerBroker.class.getName());
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read container.properties", e);
        }
        return properties.getProperty("image");
    }
}
