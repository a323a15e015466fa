package io.envaudit.streams.app;

import io.envaudit.streams.audit.AuditCounters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

import java.util.Map;

/** Hands a record that failed to deserialize to the auditor's handler, with the context Kafka Streams builds for it. */
public final class FailedRecords {
    private FailedRecords() {
    }

    /** What {@link DeadLetterOrStop}, configured with {@code deadLetterTopic} and {@code counters}, answers for {@code record}. */
    public static Response handle(String deadLetterTopic, AuditCounters counters, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetterOrStop handler = new DeadLetterOrStop();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic, AuditCounters.CONFIG, counters));
        // as RecordDeserializer.handleDeserializationFailure builds it
        DefaultErrorHandlerContext context = new DefaultErrorHandlerContext(null, record.topic(), record.partition(), record.offset(),
                record.headers(), "source", new TaskId(0, record.partition()), record.timestamp(), record.key(), record.value());
        return handler.handleError(context, record, exception);
    }
}
