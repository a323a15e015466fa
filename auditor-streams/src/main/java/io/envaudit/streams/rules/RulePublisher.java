package io.envaudit.streams.rules;

import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.streams.rules.RulePublication.Change;
import io.envaudit.topics.ProducerSettings;
import io.envaudit.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends what a {@link RulePublication} changes to the rules topic, in order, and returns once the broker
 * has acknowledged every record. Not one transaction (that would need transactional-id rights on secured clusters):
 * after a failure, publishing again finishes the job, since what was written then counts as unchanged.
 */
public final class RulePublisher {
    private RulePublisher() {
    }

    /**
     * @param clientConfig what every client of the deployment sets ({@code bootstrap.servers}, security)
     * @param timeout      for sending and acknowledging everything
     * @throws RulesTopicException naming the first entry that was not written, and how many were
     */
    public static void send(Map<String, ?> clientConfig, Topic<String, CompatibilityRule> topic, RulePublication publication,
                            Duration timeout) {
        List<Change> changes = publication.toSend();
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Object> config = ProducerSettings.ordered(clientConfig);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaProducer<String, CompatibilityRule> producer;
        try {
            producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
        } catch (KafkaException e) {
            throw new RulesTopicException("cannot publish to " + topic.name() + ": " + e.getMessage(), e);
        }
        int written = 0;
        try {
            // one at a time: a few dozen round trips at most, and a failure says exactly what was written
            for (Change change : changes) {
                producer.send(new ProducerRecord<>(topic.name(), change.id(), change.entry()))
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                written++;
            }
        } catch (ExecutionException e) {
            throw failed(topic, changes, written, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw failed(topic, changes, written, "not acknowledged within " + timeout, e);
        } catch (KafkaException e) {
            throw failed(topic, changes, written, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(topic, changes, written, "interrupted", e);
        } finally {
            // each record was acknowledged before the next was sent: after a failure nothing is worth waiting for
            producer.close(Duration.ZERO);
        }
    }

    private static RulesTopicException failed(Topic<?, ?> topic, List<Change> changes, int written, String why, Throwable cause) {
        return new RulesTopicException("publishing " + changes.get(written).id() + " to " + topic.name() + " failed, after " + written + " of "
                + changes.size() + " records were written: " + why + "; publish again to finish", cause);
    }
}
