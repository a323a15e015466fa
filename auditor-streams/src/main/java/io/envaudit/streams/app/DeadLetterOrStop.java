package io.envaudit.streams.app;

import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.streams.dlq.DeadLetterReason;
import io.envaudit.wire.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.util.Map;

/**
 * A record that cannot be read goes to the dead-letter topic (Kafka Streams builds that record: the
 * original key and value, the exception and the source topic, partition and offset in headers; this adds
 * the reason code, {@link DeadLetterReason#HEADER}), counted by its reason, and the auditor goes on. A
 * schema registry outage is not the record's fault: dead-lettering every record read during an outage
 * would lose them from the audit, so the task stops instead and nothing is committed.
 */
public final class DeadLetterOrStop extends LogAndContinueExceptionHandler {
    private AuditCounters counters;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        counters = AuditCounters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException) {
                return Response.fail();
            }
        }
        Response response = super.handleError(context, record, exception);
        if (!response.deadLetterQueueRecords().isEmpty()) {
            String reason = DeadLetterReason.ofDeserialization(exception);
            DeadLetterReason.addTo(response.deadLetterQueueRecords(), reason);
            counters.deadLettered(reason);
        }
        return response;
    }
}
