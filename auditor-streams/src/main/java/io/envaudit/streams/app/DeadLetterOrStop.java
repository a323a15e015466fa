package io.envaudit.streams.app;

import io.envaudit.wire.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * A record that cannot be read goes to the dead-letter topic (Kafka Streams builds that record: the
 * original key and value, the exception and the source topic, partition and offset in headers) and the
 * auditor goes on. A schema registry outage is not the record's fault: dead-lettering every record read
 * during an outage would lose them from the audit, so the task stops instead and nothing is committed.
 */
public final class DeadLetterOrStop extends LogAndContinueExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException) {
                return Response.fail();
            }
        }
        return super.handleError(context, record, exception);
    }
}
