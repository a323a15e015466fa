package io.envaudit.cli;

import io.envaudit.streams.rules.RulesTopicException;
import org.apache.kafka.common.KafkaException;

import java.io.PrintWriter;

/**
 * What the commands on the rules topic share: the cluster reached as {@link KafkaOptions} say, its topics
 * required to exist, and what goes wrong turned into {@code error: ...} and an exit code.
 */
final class RulesTopicCommand {
    private RulesTopicCommand() {
    }

    /** A command's work on the cluster, returning its exit code. */
    interface Work {
        int on(ClusterTopics cluster) throws InterruptedException;
    }

    static int run(KafkaOptions kafka, PrintWriter out, PrintWriter err, Work work) throws InterruptedException {
        try (ClusterTopics cluster = ClusterTopics.existing(kafka.clientConfig(System.getenv()), kafka.topicPrefix)) {
            return work.on(cluster);
        } catch (KafkaOptions.UsageError e) {
            return Exit.usage(err, e.getMessage());
        } catch (RulesTopicException | KafkaException e) {
            out.flush();
            return Exit.failure(err, e.getMessage());
        } finally {
            out.flush();
        }
    }
}
