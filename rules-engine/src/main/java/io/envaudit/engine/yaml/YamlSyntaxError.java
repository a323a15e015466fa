package io.envaudit.engine.yaml;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import java.util.Map;
import java.util.Optional;

/**
 * Where a text stopped being YAML, 1-based, and what is wrong there, for every file envaudit reads YAML from: rule
 * files, routes files, the agent's configuration and environment.yml listings.
 *
 * <p>A bracket or quote never closed is placed where it opens: SnakeYAML notices one only where the text can no
 * longer belong to it, often many lines later or at the end of the file, and names the opening as the problem's
 * context ({@code while parsing a flow sequence}). Any other problem is placed where the parser stopped, with the
 * context it names.
 */
public record YamlSyntaxError(int line, int column, String message) {
    private static final Map<String, String> UNCLOSED = Map.of(
            "while parsing a flow sequence", "'['",
            "while parsing a flow mapping", "'{'",
            "while scanning a quoted scalar", "quote");

    public static YamlSyntaxError of(MarkedYamlEngineException e) {
        Optional<Mark> problem = e.getProblemMark();
        Optional<Mark> context = e.getContextMark();
        String opening = e.getContext() == null ? null : UNCLOSED.get(e.getContext()); // Map.of refuses a null key
        if (opening != null && context.isPresent() && problem.isPresent() && context.get().getLine() < problem.get().getLine()) {
            return at(context.get(), "the " + opening + " is not closed (at " + place(problem.get()) + ": " + e.getProblem() + ")");
        }
        String since = e.getContext() == null ? "" : " (" + e.getContext() + context.map(m -> " at " + place(m)).orElse("") + ")";
        return problem.or(() -> context).map(mark -> at(mark, e.getProblem() + since))
                .orElse(new YamlSyntaxError(1, 1, e.getProblem() + since));
    }

    private static YamlSyntaxError at(Mark mark, String message) {
        return new YamlSyntaxError(mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    private static String place(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
