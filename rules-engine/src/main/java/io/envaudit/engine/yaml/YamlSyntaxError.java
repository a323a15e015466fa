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
    private static final Map<String, String> BRACKETS = Map.of(
            "while parsing a flow sequence", "'['",
            "while parsing a flow mapping", "'{'");
    private static final String QUOTED = "while scanning a quoted scalar";

    /** @param text the text that was parsed: it tells a bracket never closed from one closed after the problem */
    public static YamlSyntaxError of(MarkedYamlEngineException e, String text) {
        Optional<Mark> problem = e.getProblemMark();
        Optional<Mark> context = e.getContextMark();
        if (problem.isPresent() && context.isPresent() && context.get().getLine() < problem.get().getLine()
                && opensAndNeverCloses(e.getContext(), context.get(), text)) {
            String opening = QUOTED.equals(e.getContext()) ? "quote" : BRACKETS.get(e.getContext());
            return at(context.get(), "the " + opening + " is not closed (at " + place(problem.get()) + ": " + e.getProblem() + ")");
        }
        if (problem.isEmpty()) {
            return context.map(mark -> at(mark, e.getProblem())).orElse(new YamlSyntaxError(1, 1, e.getProblem()));
        }
        // what the parser was reading, unless that is the whole document
        boolean saysMore = e.getContext() != null && context.isPresent() && context.get().getIndex() > 0;
        return at(problem.get(), e.getProblem() + (saysMore ? " (" + e.getContext() + " at " + place(context.get()) + ")" : ""));
    }

    /** {@code FILE:LINE:COLUMN}, as compilers and linters name a place. */
    public String where(String fileName) {
        return fileName + ":" + line + ":" + column;
    }

    /**
     * Is the context a quote or bracket that the rest of the text never closes? A quoted scalar's context is named
     * only when its end is not found; a bracket's also for a problem inside a bracket closed further on.
     */
    private static boolean opensAndNeverCloses(String context, Mark opened, String text) {
        if (QUOTED.equals(context)) {
            return true;
        }
        return BRACKETS.containsKey(context) && !closedAfter(text.codePoints().toArray(), opened.getIndex());
    }

    /**
     * Does a bracket at {@code at} (a code point index, as SnakeYAML counts) find its closing bracket further on?
     * Brackets inside quoted scalars and comments do not count.
     */
    private static boolean closedAfter(int[] text, int at) {
        int depth = 0;
        for (int i = at; i < text.length; i++) {
            int c = text[i];
            if ((c == '"' || c == '\'') && startsScalar(text, i)) {
                i = endOfQuote(text, i);
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text[i - 1]))) {
                while (i + 1 < text.length && text[i + 1] != '\n') {
                    i++;
                }
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** A quote opens a quoted scalar where a value can begin; inside a plain one ({@code don't}) it is a character. */
    private static boolean startsScalar(int[] text, int i) {
        return i == 0 || Character.isWhitespace(text[i - 1]) || "[{,:".indexOf(text[i - 1]) >= 0;
    }

    /** The index of the quote that closes the one at {@code start}, or the text's end. */
    private static int endOfQuote(int[] text, int start) {
        int quote = text[start];
        for (int i = start + 1; i < text.length; i++) {
            if (quote == '"' && text[i] == '\\') {
                i++;
            } else if (text[i] == quote) {
                if (quote == '\'' && i + 1 < text.length && text[i + 1] == '\'') {
                    i++; // '' is a quote inside single quotes
                } else {
                    return i;
                }
            }
        }
        return text.length;
    }

    private static YamlSyntaxError at(Mark mark, String message) {
        return new YamlSyntaxError(mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    private static String place(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
