package io.envaudit.engine.rules;

import io.envaudit.engine.version.Quoting;
import io.envaudit.engine.yaml.YamlSyntaxError;
import io.envaudit.engine.yaml.YamlValues;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads rule files (docs/rules.md) into one {@link RuleSet}, reporting every problem with its file, line
 * and column. Each file is read on its own; then the checks that span files run: ids unique across all
 * files, each waiver naming a loaded rule or a built-in check, waivers not expired.
 */
public final class RuleFileLoader {
    private static final List<String> TOP_LEVEL_KEYS = List.of("rules", "waivers", "checks");

    private final Set<String> knownCheckIds;
    private final RuleFileProblems problems = new RuleFileProblems();
    private final List<RuleReader.Entry> rules = new ArrayList<>();
    private final List<WaiverReader.Entry> waivers = new ArrayList<>();
    private final List<CheckSettingReader.Entry> checks = new ArrayList<>();
    private final Map<String, String> sourceFiles = new HashMap<>();

    private RuleFileLoader(Set<String> knownCheckIds) {
        this.knownCheckIds = Set.copyOf(knownCheckIds);
    }

    /**
     * @param origin        given to every rule of a file that names no origin of its own: {@code user}, or
     *                      {@code builtin:<pack>@<version>}
     * @param knownCheckIds the ids of the built-in checks, which {@code checks:} may set and waivers may name
     * @param now           the moment {@code rules lint} judges waiver expiry by (an expired waiver is an
     *                      error, yet loaded); null when loading for an audit, which judges expiry itself
     *                      and counts an expired waiver's conflicts again
     */
    public static LoadedRules load(List<RuleFile> files, String origin, Set<String> knownCheckIds, Instant now) {
        RuleFileLoader loader = new RuleFileLoader(knownCheckIds);
        for (RuleFile file : files) {
            loader.read(new YamlSource(file), file.origin() != null ? file.origin() : origin);
        }
        RuleSet ruleSet = new RuleSet(loader.uniqueRules(), loader.checkedWaivers(now), loader.uniqueChecks());
        return new LoadedRules(ruleSet, loader.problems.sorted(files), loader.sourceFiles);
    }

    private void read(YamlSource source, String fileOrigin) {
        Optional<Node> root;
        try {
            root = source.compose();
        } catch (MarkedYamlEngineException e) {
            YamlSyntaxError error = YamlSyntaxError.of(e, source.text());
            problems.error(new Location(source.fileName(), error.line(), error.column()), "invalid YAML: " + error.message());
            return;
        } catch (YamlEngineException e) {
            problems.error(new Location(source.fileName(), 1, 1), "invalid YAML: " + e.getMessage());
            return;
        }
        if (root.isEmpty() || YamlValues.isNull(root.get())) {
            return;
        }
        NodeReader reader = new NodeReader(source, problems);
        YamlMapping sections = reader.mapping(root.get(), "a rule file", TOP_LEVEL_KEYS);
        if (sections == null) {
            return;
        }
        for (Node node : section(sections, "rules", reader)) {
            RuleReader.Entry entry = RuleReader.read(node, fileOrigin, reader);
            if (entry != null) {
                rules.add(entry);
            }
        }
        for (Node node : section(sections, "waivers", reader)) {
            WaiverReader.Entry entry = WaiverReader.read(node, reader);
            if (entry != null) {
                waivers.add(entry);
            }
        }
        Node checkSettings = sections.value("checks");
        if (checkSettings != null && !YamlValues.isNull(checkSettings)) {
            checks.addAll(CheckSettingReader.read(checkSettings, knownCheckIds, reader));
        }
    }

    /** A section left empty ({@code rules:} with everything below commented out) has no entries. */
    private static List<Node> section(YamlMapping sections, String key, NodeReader reader) {
        Node node = sections.value(key);
        if (node == null || YamlValues.isNull(node)) {
            return List.of();
        }
        List<Node> entries = reader.list(node, Quoting.quote(key));
        return entries == null ? List.of() : entries;
    }

    private List<Rule> uniqueRules() {
        Map<String, Location> seen = new HashMap<>();
        List<Rule> unique = new ArrayList<>();
        for (RuleReader.Entry entry : rules) {
            if (entry.id() == null) {
                continue;
            }
            Location first = seen.putIfAbsent(entry.id(), entry.idAt());
            if (knownCheckIds.contains(entry.id())) {
                problems.error(entry.idAt(), "rule id " + Quoting.quote(entry.id()) + " is the id of a built-in check");
            } else if (first != null) {
                problems.error(entry.idAt(), "duplicate rule id " + Quoting.quote(entry.id()) + ", first defined at " + first);
            } else if (entry.rule() != null) {
                unique.add(entry.rule());
                sourceFiles.put(entry.id(), entry.idAt().file());
            }
        }
        return unique;
    }

    private List<Waiver> checkedWaivers(Instant now) {
        Map<String, Location> ruleIds = new HashMap<>();
        rules.stream().filter(entry -> entry.id() != null).forEach(entry -> ruleIds.putIfAbsent(entry.id(), entry.idAt()));
        Set<String> waivable = new HashSet<>(knownCheckIds);
        waivable.addAll(ruleIds.keySet());
        Map<String, Location> seen = new HashMap<>();
        List<Waiver> unique = new ArrayList<>();
        for (WaiverReader.Entry entry : waivers) {
            String what = entry.id() == null ? "waiver" : "waiver " + Quoting.quote(entry.id());
            if (entry.ruleId() != null && !waivable.contains(entry.ruleId())) {
                problems.warning(entry.ruleAt(), what + " names rule " + Quoting.quote(entry.ruleId())
                        + ", which is neither a loaded rule nor a built-in check");
            }
            if (now != null && entry.expires() != null && !now.isBefore(entry.expires())) {
                problems.error(entry.expiresAt(), what + " has expired (" + entry.expiresText() + ")");
            }
            Location first = entry.id() == null ? null : seen.putIfAbsent(entry.id(), entry.idAt());
            Location rule = entry.id() == null ? null : ruleIds.get(entry.id());
            if (rule != null) {
                // on the rules topic both are keyed by id: publishing one would replace the other
                problems.error(entry.idAt(), "waiver id " + Quoting.quote(entry.id()) + " is the id of the rule at " + rule
                        + "; rules and waivers share one key space");
            } else if (first != null) {
                problems.error(entry.idAt(), "duplicate waiver id " + Quoting.quote(entry.id()) + ", first defined at " + first);
            } else if (entry.waiver() != null) {
                unique.add(entry.waiver());
                sourceFiles.put(entry.id(), entry.idAt().file());
            }
        }
        return unique;
    }

    private Map<String, RuleSet.CheckSetting> uniqueChecks() {
        Map<String, CheckSettingReader.Entry> seen = new LinkedHashMap<>();
        for (CheckSettingReader.Entry entry : checks) {
            CheckSettingReader.Entry first = seen.putIfAbsent(entry.checkId(), entry);
            if (first != null) {
                problems.error(entry.at(), "check " + Quoting.quote(entry.checkId()) + " is already set at " + first.at());
            }
        }
        Map<String, RuleSet.CheckSetting> settings = new LinkedHashMap<>();
        seen.forEach((id, entry) -> settings.put(id, entry.setting()));
        return settings;
    }
}
