package io.envaudit.listings;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML listing as a node tree, so that every value knows its line. Scalars are read as written: YAML's
 * type resolution would turn a version {@code 1.10} into the number 1.1.
 */
final class YamlTree {
    /** The contexts SnakeYAML names for a bracket or quote opened and running on until the problem, and what was opened. */
    private static final Map<String, String> UNCLOSED = Map.of(
            "while parsing a flow sequence", "'['",
            "while parsing a flow mapping", "'{'",
            "while scanning a quoted scalar", "quote");

    private final ListingText text;

    YamlTree(ListingText text) {
        this.text = text;
    }

    /** The document's root mapping. */
    MappingNode root() {
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(text.source()).build()).composeString(text.text())
                    .orElseThrow(() -> text.error(0, "expected a YAML mapping, found an empty document"));
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(e);
        } catch (YamlEngineException e) {
            throw text.error(0, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw error(root, "expected a YAML mapping at the top");
        }
        return mapping;
    }

    /**
     * Where SnakeYAML found the problem, or for a bracket or quote never closed, where it was opened: SnakeYAML
     * notices that one only where the text can no longer belong to it, often the end of the file, and names the
     * opening as the problem's context ({@code while parsing a flow sequence}, line 10).
     */
    private ListingException syntaxError(MarkedYamlEngineException e) {
        Optional<Mark> problem = e.getProblemMark();
        String opening = e.getContext() == null ? null : UNCLOSED.get(e.getContext()); // Map.of refuses a null key
        Optional<Mark> opened = e.getContextMark();
        if (opening != null && opened.isPresent() && problem.isPresent() && opened.get().getLine() < problem.get().getLine()) {
            return text.error(opened.get().getLine() + 1, "not valid YAML: the " + opening + " at column " + (opened.get().getColumn() + 1)
                    + " is not closed (at line " + (problem.get().getLine() + 1) + ", column " + (problem.get().getColumn() + 1) + ": "
                    + e.getProblem() + ")");
        }
        return text.error(problem.map(m -> m.getLine() + 1).orElse(0), "not valid YAML"
                + problem.map(m -> " at column " + (m.getColumn() + 1)).orElse("") + ": " + e.getProblem());
    }

    /** The value of {@code key} in the mapping, or null. */
    static Node get(MappingNode mapping, String key) {
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return entry.getValueNode();
            }
        }
        return null;
    }

    /** A scalar's text, or null when the node is absent or YAML null; an error for a list or mapping. */
    String scalar(Node node, String what) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, "expected " + what + " as a single value");
        }
        String value = scalar.getValue();
        return value.isEmpty() || value.equals("null") || value.equals("~") ? null : value;
    }

    /** The items of a sequence; empty when the node is absent; an error for anything else. */
    List<Node> sequence(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, "expected " + what + " as a list");
        }
        return sequence.getValue();
    }

    MappingNode mapping(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, "expected " + what + " as a mapping");
        }
        return mapping;
    }

    /** A locked package's scalar {@code key}, which the lock format requires. */
    String requiredOfPackage(MappingNode p, String key) {
        String value = scalar(get(p, key), "the package's " + key);
        if (value == null) {
            throw error(p, "expected " + describePackage(p) + " to have a " + key);
        }
        return value;
    }

    /** {@code the locked package 'numpy'}, or without the name when it has none: what an error calls a lock's entry. */
    String describePackage(MappingNode p) {
        Node name = get(p, "name");
        return name instanceof ScalarNode s && !s.getValue().isBlank() ? "the locked package '" + s.getValue() + "'" : "a locked package";
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    ListingException error(Node node, String problem) {
        return text.error(line(node), problem);
    }
}
