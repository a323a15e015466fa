package io.envaudit.engine.rules;

import java.util.List;
import java.util.Map;

/**
 * What {@link RuleFileLoader} made of some rule files: the rule set and the problems found, sorted by
 * file (in the order loaded), line and column. When any problem is an error the rule set holds only the
 * entries that read cleanly, and should not be audited with.
 *
 * @param sourceFiles the file each rule and waiver of the rule set was read from, by id
 */
public record LoadedRules(RuleSet ruleSet, List<RuleFileProblem> problems, Map<String, String> sourceFiles) {

    public LoadedRules {
        problems = List.copyOf(problems);
        sourceFiles = Map.copyOf(sourceFiles);
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
