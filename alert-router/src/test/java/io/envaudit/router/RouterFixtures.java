package io.envaudit.router;

import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * Makes {@link RouterFixture}s on a test class's broker, each under a prefix of its own, all sharing the one
 * schema registry topic, which this extension connects before the class's tests and closes after them.
 * Registered after the broker, so that it starts after it and stops before it:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final KafkaBroker kafka = new KafkaBroker();
 * @RegisterExtension @Order(2) static final RouterFixtures fixtures = new RouterFixtures(kafka);
 * }</pre>
 */
public final class RouterFixtures implements BeforeAllCallback, AfterAllCallback {
    private final KafkaBroker kafka;
    private SchemaRegistryTopic registry;

    public RouterFixtures(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String schemas = SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(SchemaRegistryTopic.declaration(schemas));
        }
        registry = SchemaRegistryTopic.connect(kafka.clientConfig(), schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        registry.close();
    }

    /** A deployment's topics under {@code prefix}, made on the broker. */
    public RouterFixture create(String prefix) {
        return RouterFixture.create(kafka, registry, prefix);
    }
}
