package io.envaudit.engine.rules;

import io.envaudit.engine.version.Quoting;
import io.envaudit.engine.yaml.YamlValues;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads typed values from the nodes of one rule file ({@link YamlValues}), reporting each problem at its
 * node's place in the file; adds what only rule files need: required keys, lists of texts, and the text a
 * node was written as.
 */
final class NodeReader {
    private final YamlSource source;
    private final RuleFileProblems problems;
    private final YamlValues values;

    NodeReader(YamlSource source, RuleFileProblems problems) {
        this.source = source;
        this.problems = problems;
        this.values = new YamlValues(this::error);
    }

    Location at(Node node) {
        return source.at(node);
    }

    String textOf(Node node) {
        return source.textOf(node);
    }

    void error(Node node, String message) {
        problems.error(at(node), message);
    }

    int errorCount() {
        return problems.errorCount();
    }

    /**
     * The entries of a mapping whose keys must be among {@code allowed} (any text key when null).
     *
     * @param what the mapping, as a message names it: {@code "a rule"}, {@code "'scope'"}
     */
    YamlMapping mapping(Node node, String what, List<String> allowed) {
        Map<String, NodeTuple> entries = values.mapping(node, what, allowed);
        return entries == null ? null : new YamlMapping(node, entries);
    }

    /** Reports each of {@code keys} that the mapping lacks; true when none is missing. */
    boolean require(YamlMapping mapping, String what, String... keys) {
        boolean complete = true;
        for (String key : keys) {
            if (!mapping.has(key)) {
                error(mapping.node(), what + " is missing required key " + Quoting.quote(key));
                complete = false;
            }
        }
        return complete;
    }

    /** A scalar's text; numbers and booleans are read as written. */
    String text(Node node, String what) {
        return values.text(node, what);
    }

    Boolean bool(Node node, String what) {
        return values.bool(node, what);
    }

    /** A list's items; an empty list is reported, since leaving the key out says the same thing. */
    List<Node> list(Node node, String what) {
        return values.list(node, what);
    }

    /** A list of texts; null when the list or any item is not right. */
    List<String> texts(Node node, String what) {
        List<Node> items = list(node, what);
        if (items == null) {
            return null;
        }
        List<String> texts = new ArrayList<>(items.size());
        for (Node item : items) {
            texts.add(text(item, "each entry of " + what));
        }
        return texts.contains(null) ? null : texts;
    }
}
