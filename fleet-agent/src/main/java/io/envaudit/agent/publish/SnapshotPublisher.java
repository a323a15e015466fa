package io.envaudit.agent.publish;

import io.envaudit.agent.publish.PublishPlan.Gone;
import io.envaudit.agent.publish.PublishPlan.Send;
import io.envaudit.agent.publish.PublishedEnvironments.Published;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.topics.ProducerSettings;
import io.envaudit.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Sends a round's snapshots and tombstones to the snapshots topic, keyed by environment id, and records what
 * the topic acknowledged. What it did not acknowledge stays out of the record, so the next round's plan sends
 * it again: through an outage the agent holds no queue of old snapshots, only the difference between the disk
 * and the last acknowledged state, which is bounded by the machine's environment count and always the latest.
 */
public final class SnapshotPublisher implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, EnvironmentSnapshot> producer;
    private final String topic;

    /**
     * @param clientConfig the user's client properties; the agent's producer defaults fill in what they leave out,
     *                     except for ordered delivery, which is always the agent's ({@link #producerConfig})
     */
    public SnapshotPublisher(Map<String, Object> clientConfig, Topic<String, EnvironmentSnapshot> snapshots) {
        this.producer = new KafkaProducer<>(producerConfig(clientConfig), snapshots.keySerde().serializer(),
                snapshots.valueSerde().serializer());
        this.topic = snapshots.name();
    }

    /**
     * Ordered delivery ({@link ProducerSettings}: acks, idempotence and one request in flight are fixed, and a
     * transactional id is dropped) and the defaults of a small, patient producer on a workstation, which the user's
     * properties may override. {@code send} blocks while the broker is
     * unreachable (no metadata) for at most {@code max.block.ms}: short, because the first refusal ends the
     * round (see {@link #send}). The record buffer is small: a round is a few snapshots of a few hundred kB at
     * most, and the daemon's heap must stay small.
     */
    static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = ProducerSettings.ordered(clientConfig);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L << 20);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "envaudit-agent");
        return config;
    }

    /** How a round went: how many records the topic acknowledged, and why the others were not, by environment id. */
    public record Delivery(int snapshots, int tombstones, Map<String, String> undelivered) {
        public boolean complete() {
            return undelivered.isEmpty();
        }
    }

    /** A record to send, and what its acknowledgement changes in the published state. */
    private record Outgoing(ProducerRecord<String, EnvironmentSnapshot> record, Runnable onAcknowledged) {
        boolean tombstone() {
            return record.value() == null;
        }
    }

    private record InFlight(Outgoing outgoing, Future<RecordMetadata> acknowledgement) {
    }

    /**
     * Sends the plan and waits for the acknowledgements, recording them in {@code published}. The first record
     * the producer refuses at once (no metadata after {@code max.block.ms}, the schema not registered) ends
     * the sending: the rest would each wait as long for the same reason.
     */
    public Delivery send(PublishPlan plan, PublishedEnvironments published) {
        List<Outgoing> outgoing = new ArrayList<>();
        for (Send send : Stream.concat(plan.changed().stream(), plan.heartbeats().stream()).toList()) {
            outgoing.add(new Outgoing(new ProducerRecord<>(topic, send.id(), send.snapshot()), () -> published.acknowledged(send.id(),
                    new Published(send.prefix(), send.fingerprint(), send.snapshot().getCollectedAt()))));
        }
        for (Gone gone : plan.deleted()) {
            outgoing.add(new Outgoing(new ProducerRecord<>(topic, gone.id(), null), () -> published.forget(gone.id())));
        }
        Map<String, String> undelivered = new LinkedHashMap<>();
        List<InFlight> inFlight = new ArrayList<>();
        String refused = null;
        for (Outgoing next : outgoing) {
            if (refused == null) {
                try {
                    inFlight.add(new InFlight(next, producer.send(next.record())));
                    continue;
                } catch (KafkaException e) {
                    refused = reason(e);
                }
            }
            undelivered.put(next.record().key(), refused);
        }
        producer.flush();
        int snapshots = 0;
        int tombstones = 0;
        for (InFlight sent : inFlight) {
            try {
                sent.acknowledgement().get();
                sent.outgoing().onAcknowledged().run();
                if (sent.outgoing().tombstone()) {
                    tombstones++;
                } else {
                    snapshots++;
                }
            } catch (ExecutionException e) {
                undelivered.put(sent.outgoing().record().key(), reason(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while waiting for the acknowledgements", e);
            }
        }
        return new Delivery(snapshots, tombstones, undelivered);
    }

    /** Kafka's message, which says what went wrong; some exceptions have none. */
    private static String reason(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
