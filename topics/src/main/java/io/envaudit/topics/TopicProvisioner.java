package io.envaudit.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Makes the topics ready before the auditor starts: creates the missing ones with their settings, and
 * refuses, with a message saying what to do, existing ones whose cleanup policy differs or whose
 * partition count breaks the rule broadcast (every partitioned topic must have as many partitions as
 * the snapshots, or only some tasks would ever see the rules — silently).
 */
public final class TopicProvisioner {
    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * @param partitions        partitions for a new snapshots topic (an existing one keeps its own)
     * @param replicationFactor for new topics, or empty for the broker's default
     */
    public void ensure(List<Topic<?, ?>> topics, int partitions, Optional<Short> replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            Topic<?, ?> snapshots = topics.get(0);
            int snapshotPartitions = existing.contains(snapshots.name()) ? partitionsOf(snapshots.name()) : partitions;
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), Optional.of(topic.partitioned() ? snapshotPartitions : 1), replicationFactor)
                            .configs(topic.configs()));
                }
            }
            create(missing);
            awaitUsable(topics.stream().map(Topic::name).toList());
            // asked again: a topic listed late may have existed with another count than assumed above
            int actualSnapshotPartitions = partitionsOf(snapshots.name());
            for (Topic<?, ?> topic : topics) {
                check(topic, snapshots.name(), actualSnapshotPartitions);
            }
        } catch (ExecutionException e) {
            throw new TopicProvisioningException("cannot create or inspect envaudit's topics: " + why(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while preparing envaudit's topics", e);
        }
    }

    /**
     * The schemas topic, which must exist before the registry that the other topics' serdes need:
     * created from its declaration when missing, and ready to use when this returns.
     */
    public void ensure(NewTopic declaration) {
        try {
            if (!admin.listTopics().names().get().contains(declaration.name())) {
                create(List.of(declaration));
            }
            awaitUsable(List.of(declaration.name()));
        } catch (ExecutionException e) {
            throw new TopicProvisioningException("cannot create " + declaration.name() + ": " + why(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while creating " + declaration.name(), e);
        }
    }

    /** The admin client's reason; its "Timed out waiting for a node assignment" says only that no broker answered. */
    private static String why(Throwable failure) {
        if (failure instanceof TimeoutException && String.valueOf(failure.getMessage()).contains("node assignment")) {
            return "no Kafka broker answered (is one running, and reachable at the bootstrap servers given?): " + failure.getMessage();
        }
        return failure.getMessage();
    }

    private void create(List<NewTopic> missing) throws ExecutionException, InterruptedException {
        for (var created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get();
            } catch (ExecutionException e) {
                // another instance starting at the same moment, or metadata not yet propagated: it exists
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private void check(Topic<?, ?> topic, String snapshotsName, int snapshotPartitions)
            throws ExecutionException, InterruptedException {
        if (topic.partitioned()) {
            int actual = partitionsOf(topic.name());
            if (actual != snapshotPartitions) {
                throw new TopicProvisioningException("topic " + topic.name() + " has " + actual + " partitions, but "
                        + snapshotsName + " has " + snapshotPartitions + ": they must be equal for every partition to "
                        + "see the rules; recreate " + topic.name() + " with " + snapshotPartitions + " partitions");
            }
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        Map<String, String> wrong = new HashMap<>();
        String wanted = topic.configs().get("cleanup.policy");
        String actual = config.get("cleanup.policy").value();
        if (wanted != null && !wanted.equals(actual)) {
            wrong.put("cleanup.policy", actual + " (needs " + wanted + ")");
        }
        if (!wrong.isEmpty()) {
            throw new TopicProvisioningException("topic " + topic.name() + " exists with " + wrong.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                    + "; change it with kafka-configs --alter, or delete it and let envaudit create it");
        }
    }

    private int partitionsOf(String topic) throws ExecutionException, InterruptedException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().size();
    }

    /** A topic just created may not be served yet: wait until every one can be described. */
    private void awaitUsable(List<String> names) throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
