package io.envaudit.engine.rules;

import io.envaudit.engine.version.Quoting;
import io.envaudit.schemas.Installer;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the {@code scope} of a rule or waiver. Any text is a glob, so only shapes and names can be wrong. */
final class ScopeReader {
    private static final List<String> KEYS = List.of("labels", "hosts", "environments", "platform", "installers", "channels");
    private static final List<String> PLATFORM_KEYS = List.of("os", "arch", "subdir");

    private ScopeReader() {
    }

    /** The scope, or null when any part of it is wrong. */
    static Scope read(Node node, NodeReader reader) {
        int errorsBefore = reader.errorCount();
        YamlMapping scope = reader.mapping(node, "'scope'", KEYS);
        if (scope == null) {
            return null;
        }
        Map<String, Glob> labels = scope.has("labels") ? globsByKey(scope.value("labels"), "'labels'", null, reader) : Map.of();
        List<Glob> hosts = scope.has("hosts") ? globs(scope.value("hosts"), "'hosts'", reader) : List.of();
        List<Glob> environments = scope.has("environments")
                ? globs(scope.value("environments"), "'environments'", reader) : List.of();
        Map<String, Glob> platform = scope.has("platform")
                ? globsByKey(scope.value("platform"), "'platform'", PLATFORM_KEYS, reader) : Map.of();
        Set<Installer> installers = scope.has("installers") ? installers(scope.value("installers"), reader) : Set.of();
        List<String> channels = scope.has("channels") ? reader.texts(scope.value("channels"), "'channels'") : List.of();
        if (reader.errorCount() > errorsBefore) {
            return null;
        }
        return new Scope(labels, hosts, environments, platform, installers, new LinkedHashSet<>(channels));
    }

    private static List<Glob> globs(Node node, String what, NodeReader reader) {
        List<String> texts = reader.texts(node, what);
        return texts == null ? null : texts.stream().map(Glob::of).toList();
    }

    private static Map<String, Glob> globsByKey(Node node, String what, List<String> allowed, NodeReader reader) {
        YamlMapping mapping = reader.mapping(node, what, allowed);
        if (mapping == null) {
            return null;
        }
        Map<String, Glob> globs = new LinkedHashMap<>();
        for (String key : mapping.keys()) {
            String text = reader.text(mapping.value(key), Quoting.quote(key) + " in " + what);
            if (text != null) {
                globs.put(key, Glob.of(text));
            }
        }
        return globs;
    }

    private static Set<Installer> installers(Node node, NodeReader reader) {
        List<Node> items = reader.list(node, "'installers'");
        if (items == null) {
            return null;
        }
        Set<Installer> installers = EnumSet.noneOf(Installer.class);
        for (Node item : items) {
            String text = reader.text(item, "each entry of 'installers'");
            if (text == null) {
                continue;
            }
            try {
                installers.add(Installer.valueOf(text.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                reader.error(item, "unknown installer " + Quoting.quote(text) + " (expected conda, pip, os or unknown)");
            }
        }
        return installers;
    }
}
