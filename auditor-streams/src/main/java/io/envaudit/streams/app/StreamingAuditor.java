package io.envaudit.streams.app;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.audit.AuditTopology;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.ProducerSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The streaming auditor as an application: its Kafka Streams configuration and topology. The commands
 * ({@code up}, {@code run}) and the integration tests start it through here, so they all run the same
 * thing; more instances with one application id share the partitions.
 */
public final class StreamingAuditor {
    public static final String DEFAULT_APPLICATION_ID = "envaudit";

    private StreamingAuditor() {
    }

    /**
     * The Streams configuration: exactly-once v2, bad records to the dead-letter topic and counted in
     * {@code counters} (which the topology counts in too, see {@link #create}), state under {@code stateDir};
     * {@code clientConfig} (bootstrap servers, security, any client property) comes last so an operator can
     * override any of it.
     */
    public static Properties config(String applicationId, Path stateDir, EnvauditTopics topics, AuditCounters counters,
                                    Map<String, ?> clientConfig) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters().name());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOrStop.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterAndContinue.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // the wedge ProducerSettings describes, in its transactional form: on the changelogs Kafka Streams creates as it
        // starts, batches sent behind a refused first one are refused too ("Expected sequence 0 for transactions v2"),
        // and the task's transaction is aborted and its work done again. Unprefixed, so that the client config's own
        // setting (prefixed or not) wins, as for every setting here
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, ProducerSettings.REQUESTS_IN_FLIGHT);
        config.putAll(clientConfig);
        config.put(AuditCounters.CONFIG, counters); // an object, not a setting: the handlers read it in configure
        return config;
    }

    /**
     * Stops the auditor and leaves the group, so its partitions move to the other instances (or to this
     * one started again) at once. Kafka Streams otherwise stays in the group until the session timeout
     * (45 s) runs out, and nothing of those partitions is audited meanwhile.
     */
    public static boolean stop(KafkaStreams streams, Duration timeout) {
        return streams.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    /** The auditor on {@code config} (from {@link #config}), counting in the counters it carries. */
    public static KafkaStreams create(EnvauditTopics topics, AuditSettings settings, Properties config) {
        return new KafkaStreams(AuditTopology.build(topics, BuiltInChecks.all(), settings, AuditCounters.from(config)), config);
    }
}
