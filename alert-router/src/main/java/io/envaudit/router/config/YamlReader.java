package io.envaudit.router.config;

import io.envaudit.engine.yaml.YamlValues;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from the YAML nodes of one routes file ({@link YamlValues}, as rule files are read),
 * collecting every problem as {@code file:line:column: message}; adds what only routes files have:
 * counts and durations.
 */
final class YamlReader {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private final String fileName;
    private final List<Problem> problems = new ArrayList<>();
    private final YamlValues values = new YamlValues(this::error);

    /** Line and column from 1. */
    private record Problem(int line, int column, String text) {
    }

    YamlReader(String fileName) {
        this.fileName = fileName;
    }

    /** Every problem so far, {@code file:line:column: message}, by place in the file. */
    List<String> problems() {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .map(Problem::text).toList();
    }

    int problemCount() {
        return problems.size();
    }

    String at(Node node) {
        return node.getStartMark().map(this::at).orElse(fileName + ":1:1");
    }

    private String at(Mark mark) {
        return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    void error(Node node, String message) {
        int line = node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
        int column = node.getStartMark().map(mark -> mark.getColumn() + 1).orElse(1);
        problems.add(new Problem(line, column, at(node) + ": " + message));
    }

    /** The entries of a mapping by key, once unknown, repeated and non-text keys were reported (and left out). */
    Map<String, NodeTuple> mapping(Node node, String what, List<String> allowed) {
        return values.mapping(node, what, allowed);
    }

    /** A scalar's text; numbers and booleans are read as written. */
    String text(Node node, String what) {
        return values.text(node, what);
    }

    Boolean bool(Node node, String what) {
        return values.bool(node, what);
    }

    /** A list's items; an empty list is reported, since leaving the key out says the same. */
    List<Node> list(Node node, String what) {
        return values.list(node, what);
    }

    /** A whole number from 1 to {@code max}. */
    Integer count(Node node, String what, int max) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                int value = Integer.parseInt(scalar.getValue());
                if (value >= 1 && value <= max) {
                    return value;
                }
            } catch (NumberFormatException tooLarge) {
                // reported below
            }
        }
        error(node, what + " must be a whole number from 1 to " + max + ", found " + YamlValues.found(node));
        return null;
    }

    /** A positive duration written as a whole number and a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    Duration duration(Node node, String what) {
        String text = text(node, what);
        if (text == null) {
            return null;
        }
        Matcher form = DURATION.matcher(text);
        if (form.matches() && Long.parseLong(form.group(1)) > 0) {
            long amount = Long.parseLong(form.group(1));
            return switch (form.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        error(node, what + " must be a duration such as 500ms, 30s, 5m or 1h, found " + YamlValues.found(node));
        return null;
    }
}
