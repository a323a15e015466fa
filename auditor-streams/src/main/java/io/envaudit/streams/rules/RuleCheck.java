package io.envaudit.streams.rules;

import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.schemas.CompatibilityRule;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;
import java.util.Set;

/**
 * Lets through only rules that read: a published rule or waiver whose YAML does not load, or whose key
 * is not its id, throws {@link InvalidRuleException}, which the processing exception handler sends to
 * the dead-letter topic. It never reaches the auditors, so the previous version of that rule stays in
 * force. Tombstones pass: deleting is always allowed.
 */
public final class RuleCheck implements Processor<String, CompatibilityRule, String, CompatibilityRule> {
    private final Set<String> builtInCheckIds;
    private ProcessorContext<String, CompatibilityRule> context;

    public RuleCheck(Set<String> builtInCheckIds) {
        this.builtInCheckIds = builtInCheckIds;
    }

    @Override
    public void init(ProcessorContext<String, CompatibilityRule> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, CompatibilityRule> record) {
        CompatibilityRule rule = record.value();
        if (rule != null) {
            if (!rule.getId().equals(record.key())) {
                throw new InvalidRuleException("rule record with key '" + record.key() + "' holds rule '" + rule.getId()
                        + "': the key must be the id");
            }
            LoadedRules loaded = RuleRecords.load(List.of(rule), builtInCheckIds);
            if (loaded.hasErrors()) {
                throw new InvalidRuleException("rule '" + rule.getId() + "' does not load and is not applied (a previous version, if any, stays in force): "
                        + loaded.problems());
            }
        }
        context.forward(record);
    }

    /**
     * A published rule that cannot be used; the record goes to the dead-letter topic with this message,
     * which starts with the reason code {@link #REASON} as the decoding errors' messages start with theirs.
     */
    public static final class InvalidRuleException extends RuntimeException {
        public static final String REASON = "INVALID_RULE";
        private static final long serialVersionUID = 1L;

        InvalidRuleException(String message) {
            super(REASON + ": " + message);
        }
    }
}
