package io.envaudit.cli;

import io.envaudit.streams.rules.PublishedRules;
import io.envaudit.streams.rules.RulePublication;
import io.envaudit.streams.rules.RulePublisher;
import io.envaudit.streams.rules.RulesTopicException;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * envaudit's topics on one cluster, with the schema registry (on the schemas topic) that their serdes
 * read and write through: what {@code up}, {@code run} and the rules commands share. Closing it closes
 * the registry's clients.
 */
final class ClusterTopics implements AutoCloseable {
    /** For making topics ready, and for reading or writing the rules topic as a whole. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientConfig;
    private final SchemaRegistryTopic registry;
    private final EnvauditTopics topics;

    private ClusterTopics(Map<String, Object> clientConfig, String prefix) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.registry = SchemaRegistryTopic.connect(clientConfig, SchemaRegistryTopic.topicName(prefix),
                SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
        this.topics = new EnvauditTopics(prefix, registry);
    }

    /**
     * For the auditor: creates the missing topics with their settings (the snapshots and the topics that follow
     * them with {@code partitions}), and refuses existing ones that are wrong.
     *
     * @throws io.envaudit.topics.TopicProvisioningException saying which topic is wrong and what to do
     */
    static ClusterTopics provision(Map<String, Object> clientConfig, String prefix, int partitions, Optional<Short> replicationFactor) {
        try (Admin admin = Admin.create(clientConfig)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, TIMEOUT);
            provisioner.ensure(SchemaRegistryTopic.declaration(SchemaRegistryTopic.topicName(prefix), replicationFactor));
            ClusterTopics cluster = new ClusterTopics(clientConfig, prefix);
            try {
                provisioner.ensure(cluster.topics.all(), partitions, replicationFactor);
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }

    /**
     * For the rules commands, which create no topic (the partition counts are the auditor's to choose): the
     * schemas and rules topics must exist.
     *
     * @throws RulesTopicException naming the missing topic
     */
    static ClusterTopics existing(Map<String, Object> clientConfig, String prefix) throws InterruptedException {
        ClusterTopics cluster = new ClusterTopics(clientConfig, prefix);
        try (Admin admin = Admin.create(clientConfig)) {
            for (String topic : List.of(cluster.registry.topic(), cluster.topics.rules().name())) {
                try {
                    admin.describeTopics(List.of(topic)).allTopicNames().get();
                } catch (ExecutionException e) {
                    throw new RulesTopicException(e.getCause() instanceof UnknownTopicOrPartitionException
                            ? "topic " + topic + " does not exist: start the auditor once (envaudit run), which creates envaudit's "
                                    + "topics, or check --topic-prefix"
                            : "cannot look up topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    Map<String, Object> clientConfig() {
        return clientConfig;
    }

    EnvauditTopics topics() {
        return topics;
    }

    /** The rules topic as it stands: read to its end. */
    PublishedRules publishedRules() {
        return PublishedRules.read(clientConfig, topics.rules(), TIMEOUT);
    }

    void publish(RulePublication publication) {
        RulePublisher.send(clientConfig, topics.rules(), publication, TIMEOUT);
    }

    @Override
    public void close() {
        registry.close();
    }
}
