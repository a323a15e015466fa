package io.envaudit.cli;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The deploy files' YAML read as plain maps and lists (snakeyaml-engine), with the casts in one place. */
final class Yaml {
    private Yaml() {
    }

    /** Every document of the file (a Kubernetes manifest may hold several). */
    static List<Object> loadAll(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        new Load(LoadSettings.builder().setLabel(file.toString()).build())
                .loadAllFromString(Files.readString(file, StandardCharsets.UTF_8)).forEach(d -> {
                    if (d != null) {
                        documents.add(d);
                    }
                });
        return documents;
    }

    static Object load(Path file) throws IOException {
        return new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    /** The list under {@code key}, empty when the key is absent. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> node, String key) {
        Object value = node.get(key);
        return value == null ? List.of() : (List<Object>) value;
    }

    /** The list of maps under {@code key}, empty when the key is absent. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> node, String key) {
        return (List<Map<String, Object>>) (List<?>) list(node, key);
    }

    /** The map under each key of the path in turn. */
    static Map<String, Object> at(Map<String, Object> node, String... path) {
        Map<String, Object> at = node;
        for (String key : path) {
            at = map(at.get(key));
            if (at == null) {
                throw new AssertionError("no " + key + " in " + node);
            }
        }
        return at;
    }
}
