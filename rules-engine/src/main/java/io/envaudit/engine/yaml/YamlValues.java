package io.envaudit.engine.yaml;

import io.envaudit.engine.version.Quoting;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values from the YAML nodes of one file, for the files people write by hand: rule files and
 * routes files. A value of the wrong shape is reported at its node, naming what was expected and what was
 * found, and read as null, so that one pass over a file finds every problem in it.
 */
public final class YamlValues {
    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL);

    /** Where the problems go: the caller knows the file's name and how it collects them. */
    public interface Problems {
        void error(Node node, String message);
    }

    private final Problems problems;

    public YamlValues(Problems problems) {
        this.problems = problems;
    }

    /**
     * The entries of a mapping by key, in the file's order, once unknown, repeated and non-text keys were
     * reported (and left out); null, reported, when the node is not a mapping.
     *
     * @param what    the mapping, as a message names it: {@code "a rule"}, {@code "'scope'"}
     * @param allowed the keys it may have; any text key when null
     */
    public Map<String, NodeTuple> mapping(Node node, String what, List<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(node, what + " must be a mapping, found " + found(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                problems.error(keyNode, "keys in " + what + " must be text, found " + found(keyNode));
                continue;
            }
            String key = scalar.getValue();
            if (allowed != null && !allowed.contains(key)) {
                problems.error(keyNode, "unknown key " + Quoting.quote(key) + " in " + what + "; allowed keys: "
                        + String.join(", ", allowed));
            } else if (entries.containsKey(key)) {
                problems.error(keyNode, "duplicate key " + Quoting.quote(key) + " in " + what + " (first at line "
                        + line(entries.get(key).getKeyNode()) + ")");
            } else {
                entries.put(key, entry);
            }
        }
        return entries;
    }

    /** A scalar's text; numbers and booleans are read as written. */
    public String text(Node node, String what) {
        if (node instanceof ScalarNode scalar && TEXT_TAGS.contains(scalar.getTag())) {
            return scalar.getValue();
        }
        problems.error(node, what + " must be text, found " + found(node));
        return null;
    }

    public Boolean bool(Node node, String what) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.valueOf(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        problems.error(node, what + " must be true or false, found " + found(node));
        return null;
    }

    /** A list's items; an empty list is reported, since leaving the key out says the same thing. */
    public List<Node> list(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            problems.error(node, what + " must be a list, found " + found(node));
            return null;
        }
        if (sequence.getValue().isEmpty()) {
            problems.error(node, what + " is an empty list; leave it out or give at least one entry");
            return null;
        }
        return sequence.getValue();
    }

    /** Whether the node is YAML's null: nothing written, {@code ~} or {@code null}. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** What a node is, for a message: a mapping, a list, nothing, or its quoted text (and its tag, when not a plain one). */
    public static String found(Node node) {
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

    /** The node's line, from 1 as editors count. */
    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }
}
