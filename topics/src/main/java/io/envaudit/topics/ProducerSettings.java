package io.envaudit.topics;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of every producer envaudit writes with outside Kafka Streams: each record acknowledged by all
 * in-sync replicas, written once, and in the order sent.
 *
 * <p>One request in flight to each broker. With more, a producer can wedge on its first records to a partition:
 * when the broker refuses the first batch for a moment ({@code NOT_LEADER_OR_FOLLOWER}, as it does just after the
 * topic is created or its leader moved), the batches sent behind it may already be written, because a broker
 * takes any first sequence number from a producer it holds no state for. The retried first batch is then out of
 * sequence, and is refused again until the delivery timeout fails it (seen on Kafka 4.4 with a topic created a
 * moment before; {@code ProducerSettingsIT}). These producers write a few records at a time, so sending one
 * request at a time costs them little; the dead-letter replayer, which replays ranges, waits a round trip per batch.
 */
public final class ProducerSettings {
    /** Requests in flight to one broker: see above; the auditor's transactional producers send so too. */
    public static final int REQUESTS_IN_FLIGHT = 1;

    private ProducerSettings() {
    }

    /** The client's settings with these: never transactional, so a transactional id given for Kafka Streams is dropped. */
    public static Map<String, Object> ordered(Map<String, ?> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, REQUESTS_IN_FLIGHT);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }
}
