package io.envaudit.topics;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProducerSettingsTest {

    /** A user's settings stay, except those ordered delivery needs: theirs would let records be lost, doubled or wedged. */
    @Test
    void orderedDeliveryOverridesTheUsersAcksIdempotenceAndRequestsInFlightAndIsNeverTransactional() {
        Map<String, Object> config = ProducerSettings.ordered(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "envaudit-1",
                ProducerConfig.LINGER_MS_CONFIG, "50"));
        assertEquals(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, "50"), config);
        assertFalse(config.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    }
}
