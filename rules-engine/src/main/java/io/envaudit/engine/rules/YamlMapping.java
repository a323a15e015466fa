package io.envaudit.engine.rules;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.util.Map;
import java.util.Set;

/**
 * The entries of one YAML mapping by key text, once unknown, repeated and non-text keys were reported
 * (such entries are left out).
 */
record YamlMapping(Node node, Map<String, NodeTuple> entries) {

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node of {@code key}, or null when the key is absent. */
    Node value(String key) {
        NodeTuple entry = entries.get(key);
        return entry == null ? null : entry.getValueNode();
    }

    Node key(String key) {
        NodeTuple entry = entries.get(key);
        return entry == null ? null : entry.getKeyNode();
    }

    Set<String> keys() {
        return entries.keySet();
    }
}
