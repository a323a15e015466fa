package io.envaudit.engine.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The problems found while loading rule files, collected as they are found. */
final class RuleFileProblems {
    private final List<RuleFileProblem> problems = new ArrayList<>();
    private int errors;

    void error(Location at, String message) {
        problems.add(new RuleFileProblem(at.file(), at.line(), at.column(), RuleFileProblem.Level.ERROR, message));
        errors++;
    }

    void warning(Location at, String message) {
        problems.add(new RuleFileProblem(at.file(), at.line(), at.column(), RuleFileProblem.Level.WARNING, message));
    }

    int errorCount() {
        return errors;
    }

    /** The problems by file (in the order given), line and column; problems at one place keep their order. */
    List<RuleFileProblem> sorted(List<RuleFile> files) {
        Map<String, Integer> fileOrder = new HashMap<>();
        for (RuleFile file : files) {
            fileOrder.putIfAbsent(file.name(), fileOrder.size());
        }
        return problems.stream()
                .sorted(Comparator.<RuleFileProblem>comparingInt(p -> fileOrder.getOrDefault(p.file(), Integer.MAX_VALUE))
                        .thenComparingInt(RuleFileProblem::line)
                        .thenComparingInt(RuleFileProblem::column))
                .toList();
    }
}
