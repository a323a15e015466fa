package io.envaudit.engine.rules;

import io.envaudit.engine.version.Quoting;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values from the nodes of one rule file. A value of the wrong shape is reported at its node,
 * naming what was expected and what was found, and read as null.
 */
final class NodeReader {
    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL);

    private final YamlSource source;
    private final RuleFileProblems problems;

    NodeReader(YamlSource source, RuleFileProblems problems) {
        this.source = source;
        this.problems = problems;
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
        if (!(node instanceof MappingNode mapping)) {
            error(node, what + " must be a mapping, found " + found(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                error(keyNode, "keys in " + what + " must be text, found " + found(keyNode));
                continue;
            }
            String key = scalar.getValue();
            if (allowed != null && !allowed.contains(key)) {
                error(keyNode, "unknown key " + Quoting.quote(key) + " in " + what + "; allowed keys: "
                        + String.join(", ", allowed));
            } else if (entries.containsKey(key)) {
                error(keyNode, "duplicate key " + Quoting.quote(key) + " in " + what + " (first at line "
                        + at(entries.get(key).getKeyNode()).line() + ")");
            } else {
                entries.put(key, entry);
            }
        }
        return new YamlMapping(node, entries);
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
        if (node instanceof ScalarNode scalar && TEXT_TAGS.contains(scalar.getTag())) {
            return scalar.getValue();
        }
        error(node, what + " must be text, found " + found(node));
        return null;
    }

    Boolean bool(Node node, String what) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.valueOf(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        error(node, what + " must be true or false, found " + found(node));
        return null;
    }

    /** A list's items; an empty list is reported, since leaving the key out says the same thing. */
    List<Node> list(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, what + " must be a list, found " + found(node));
            return null;
        }
        if (sequence.getValue().isEmpty()) {
            error(node, what + " is an empty list; leave it out or give at least one entry");
            return null;
        }
        return sequence.getValue();
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

    /** What a node is, for a message: a mapping, a list, nothing, or its quoted text. */
    static String found(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        if (scalar.getTag().equals(Tag.NULL)) {
            return "nothing";
        }
        if (!TEXT_TAGS.contains(scalar.getTag())) {
            return Quoting.quote(scalar.getValue()) + " tagged " + scalar.getTag().getValue();
        }
        return Quoting.quote(scalar.getValue());
    }
}
