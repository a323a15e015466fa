package io.envaudit.cli;

import io.envaudit.streams.dlq.DeadLetterException;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * {@code envaudit dlq}: the dead-letter topics — the auditor's, where it puts the records it cannot read or
 * process, and the alert router's ({@code --alerts}), where it puts the notifications it could not deliver.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Show and replay the records envaudit could not read, process or deliver.",
            "The auditor's dead letters (envaudit.dlq) and, with --alerts, the notifications the alert router could not "
                    + "deliver (envaudit.alerts.dlq) are kept as they were, with why. 'dlq list' shows them; 'dlq replay' sends them "
                    + "again."},
        subcommands = {DlqListCommand.class, DlqReplayCommand.class})
final class DlqCommand implements Runnable {
    /** How long a dlq command waits for Kafka to answer, or for a read to make progress. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What a dlq command does once it has the client properties and the topics; returns the exit code. */
    interface Work {
        int run(Map<String, Object> client, EnvauditTopics topics);
    }

    /**
     * Runs {@code work} against the cluster {@code kafka} names. Exit 2, with {@code error: ...}, when what
     * the user gave is wrong or names what is not there; exit 1 when Kafka fails.
     */
    static int withKafka(KafkaOptions kafka, PrintWriter err, Work work) {
        Map<String, Object> client;
        try {
            client = kafka.clientConfig(System.getenv());
        } catch (KafkaOptions.UsageError e) {
            return error(err, e.getMessage(), 2);
        }
        // the auditor's dead letters are bytes, the router's Avro: the registry connects on first use only
        try (SchemaRegistryTopic registry = SchemaRegistryTopic.connect(client, SchemaRegistryTopic.topicName(kafka.topicPrefix),
                KAFKA_TIMEOUT)) {
            return work.run(client, new EnvauditTopics(kafka.topicPrefix, registry));
        } catch (DeadLetterException e) {
            return error(err, e.getMessage(), 2);
        } catch (KafkaException e) {
            return error(err, "Kafka at " + client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getMessage(), 1);
        }
    }

    static int error(PrintWriter err, String message, int exitCode) {
        err.println("error: " + message);
        err.flush();
        return exitCode;
    }
}
