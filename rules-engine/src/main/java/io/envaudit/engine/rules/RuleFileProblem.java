package io.envaudit.engine.rules;

import java.util.Locale;

/**
 * Something wrong in a rule file, at a 1-based line and column, printed as
 * {@code file:line:column: error: message}.
 */
public record RuleFileProblem(String file, int line, int column, Level level, String message) {

    /** An error makes {@code rules lint} fail and the rule set unfit to audit with; a warning does neither. */
    public enum Level {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + level.label() + ": " + message;
    }
}
