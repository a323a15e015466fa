package io.envaudit.engine.rules;

import java.util.List;

/**
 * What {@link RuleFileLoader} made of some rule files: the rule set and the problems found, sorted by
 * file (in the order loaded), line and column. When any problem is an error the rule set holds only the
 * entries that read cleanly, and should not be audited with.
 */
public record LoadedRules(RuleSet ruleSet, List<RuleFileProblem> problems) {

    public LoadedRules {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return errorCount() > 0;
    }

    public long errorCount() {
        return problems.stream().filter(RuleFileProblem::isError).count();
    }

    public long warningCount() {
        return problems.size() - errorCount();
    }
}
