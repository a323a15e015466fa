package io.envaudit.streams.app;

import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.streams.dlq.DeadLetterReason;
import io.envaudit.streams.rules.RuleCheck.InvalidRuleException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Map;

/**
 * A record whose processing throws (a published rule that does not load, a snapshot whose audit fails)
 * goes to the dead-letter topic and the task goes on, as Kafka Streams' log-and-continue handler does;
 * this one also puts the reason code on it ({@link DeadLetterReason#HEADER}), counts it by reason, and a
 * refused rule as a rejected rule.
 */
public final class DeadLetterAndContinue extends LogAndContinueProcessingExceptionHandler {
    private AuditCounters counters;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        counters = AuditCounters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        Response response = super.handleError(context, record, exception);
        if (!response.deadLetterQueueRecords().isEmpty()) {
            String reason = DeadLetterReason.ofProcessing(exception);
            DeadLetterReason.addTo(response.deadLetterQueueRecords(), reason);
            counters.deadLettered(reason);
            if (reason.equals(InvalidRuleException.REASON)) {
                counters.ruleRejected();
            }
        }
        return response;
    }
}
