package io.envaudit.listings;

import io.envaudit.engine.yaml.YamlSyntaxError;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.List;
import java.util.Map;

/**
 * A YAML listing as a node tree, so that every value knows its line. Scalars are read as written: YAML's
 * type resolution would turn a version {@code 1.10} into the number 1.1.
 */
final class YamlTree {
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

    private ListingException syntaxError(MarkedYamlEngineException e) {
        YamlSyntaxError error = YamlSyntaxError.of(e, text.text());
        return text.error(error.line(), "not valid YAML at column " + error.column() + ": " + error.message());
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
