package io.envaudit.engine.rules;

import io.envaudit.engine.version.Quoting;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code checks:}, the settings of the built-in checks by check id. */
final class CheckSettingReader {
    private static final List<String> KEYS = List.of("enabled", "severity");

    /** One check's setting and where its id stands. */
    record Entry(String checkId, Location at, RuleSet.CheckSetting setting) {
    }

    private CheckSettingReader() {
    }

    /** The settings that read cleanly. A setting without {@code severity} keeps the check's own (null). */
    static List<Entry> read(Node node, Set<String> knownCheckIds, NodeReader reader) {
        YamlMapping checks = reader.mapping(node, "'checks'", null);
        if (checks == null) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String checkId : checks.keys()) {
            Node keyNode = checks.key(checkId);
            if (!knownCheckIds.contains(checkId)) {
                reader.error(keyNode, "unknown check " + Quoting.quote(checkId) + "; built-in checks: "
                        + String.join(", ", new TreeSet<>(knownCheckIds)));
                continue;
            }
            int errorsBefore = reader.errorCount();
            String what = "check " + Quoting.quote(checkId);
            YamlMapping fields = reader.mapping(checks.value(checkId), what, KEYS);
            if (fields == null) {
                continue;
            }
            Boolean enabled = fields.has("enabled") ? reader.bool(fields.value("enabled"), "'enabled'") : Boolean.TRUE;
            Severity severity = fields.has("severity") ? RuleReader.severity(fields.value("severity"), reader) : null;
            if (reader.errorCount() == errorsBefore) {
                entries.add(new Entry(checkId, reader.at(keyNode), new RuleSet.CheckSetting(enabled, severity)));
            }
        }
        return entries;
    }
}
