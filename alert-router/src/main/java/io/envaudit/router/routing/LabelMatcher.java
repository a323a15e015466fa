package io.envaudit.router.routing;

import io.envaudit.engine.rules.Glob;
import io.envaudit.schemas.Severity;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One condition of a route on an alert's labels. As in Alertmanager, a label the alert lacks reads as the
 * empty text, and a regular expression must match the whole value.
 */
public sealed interface LabelMatcher {

    boolean matches(Map<String, String> labels);

    /** The label equals one of the values. */
    record OneOf(String label, Set<String> values) implements LabelMatcher {
        @Override
        public boolean matches(Map<String, String> labels) {
            return values.contains(labels.getOrDefault(label, ""));
        }
    }

    /** The whole label matches the regular expression. */
    record Regex(String label, Pattern pattern) implements LabelMatcher {
        @Override
        public boolean matches(Map<String, String> labels) {
            return pattern.matcher(labels.getOrDefault(label, "")).matches();
        }
    }

    /** The label matches the shell-style glob ({@code *}, {@code ?}). */
    record GlobMatch(String label, Glob glob) implements LabelMatcher {
        @Override
        public boolean matches(Map<String, String> labels) {
            return glob.matches(labels.getOrDefault(label, ""));
        }
    }

    /** The alert's severity is this one or higher (info, warning, error, critical). */
    record AtLeast(Severity minimum) implements LabelMatcher {
        @Override
        public boolean matches(Map<String, String> labels) {
            String severity = labels.get(AlertLabels.SEVERITY);
            return severity != null && Severity.valueOf(severity.toUpperCase(Locale.ROOT)).compareTo(minimum) >= 0;
        }
    }
}
