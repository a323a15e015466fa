package io.envaudit.router;

import io.envaudit.router.config.RoutesFile;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.CommonClientConfigs;

import java.nio.file.Path;
import java.util.Map;

/**
 * A router alone in a JVM ({@link RouterJvm}): arguments are the bootstrap servers, the topic prefix, the
 * routes file and the group; the proxy comes from the environment, as for {@code envaudit route}. Prints
 * {@code started} once running. Its session timeout
 * is the broker's least, so that the group gives its partitions to the next router soon after the kill.
 */
public final class RouterProcess {
    /** What it prints once running. */
    static final String STARTED = "started";

    private RouterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args[0],
                CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG, 6000);
        SchemaRegistryTopic registry = SchemaRegistryTopic.connect(client, SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX),
                SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
        EnvauditTopics topics = new EnvauditTopics(args[1], registry);
        RunningRouter router = AlertRouter.start(client, topics, RoutesFile.load(Path.of(args[2]), System.getenv()),
                RouterSettings.defaults().withGroupId(args[3]));
        System.out.println(STARTED);
        System.out.flush();
        router.await();
    }
}
