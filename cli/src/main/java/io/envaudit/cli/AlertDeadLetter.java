package io.envaudit.cli;

import io.envaudit.schemas.AlertNotification;
import io.envaudit.streams.dlq.DeadLetterException;
import io.envaudit.streams.dlq.RecordPosition;
import io.envaudit.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.time.Instant;

/**
 * One record of the alert router's dead-letter topic (docs/router.md): a notification it could not
 * deliver, with the receiver, the rule, the alert records it covers, the payload as it would have been
 * posted, and why it was given up.
 *
 * @param timestamp when the router wrote it: when it gave the notification up
 */
record AlertDeadLetter(RecordPosition position, Instant timestamp, AlertNotification notification) {

    /** @throws DeadLetterException naming the record when it is not an {@code AlertNotification} */
    static AlertDeadLetter of(ConsumerRecord<byte[], byte[]> record, Topic<String, AlertNotification> deadLetters) {
        RecordPosition position = new RecordPosition(record.topic(), record.partition(), record.offset());
        AlertNotification notification;
        try {
            notification = record.value() == null ? null : deadLetters.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            throw new DeadLetterException("the record at " + position + " is not a notification of the router: " + e.getMessage());
        }
        if (notification == null) {
            throw new DeadLetterException("the record at " + position + " is a tombstone, not a notification of the router");
        }
        return new AlertDeadLetter(position, Instant.ofEpochMilli(record.timestamp()), notification);
    }

    boolean forReceiver(String receiver) {
        return notification.getReceiver().equals(receiver);
    }
}
