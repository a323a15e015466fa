package io.envaudit.streams.rules;

import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.PackageSpec;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.engine.rules.Waiver;
import io.envaudit.schemas.ChannelMix;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.RuleKind;
import io.envaudit.schemas.RuleScope;
import io.envaudit.schemas.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rules and waivers as the records of the rules topic, and back. The structured fields are for readers
 * in any language; the auditor reads an entry back from its YAML, with the same loader as rule files,
 * so a published rule means exactly what the file meant.
 */
public final class RuleRecords {
    /** The origin of what users publish, as opposed to {@code builtin:<pack>@<version>}. */
    public static final String USER = "user";

    private RuleRecords() {
    }

    /**
     * The rules and waivers of rule files, as loaded together, each record naming the file its entry came from.
     *
     * @param origin the origin of the waivers (rules carry their own): {@link #USER}, or a pack's
     */
    public static List<CompatibilityRule> of(LoadedRules loaded, String origin, Instant publishedAt) {
        List<CompatibilityRule> records = new ArrayList<>();
        for (Rule rule : loaded.ruleSet().rules()) {
            records.add(of(rule, loaded.sourceFiles().get(rule.id()), publishedAt));
        }
        for (Waiver waiver : loaded.ruleSet().waivers()) {
            records.add(of(waiver, origin, loaded.sourceFiles().get(waiver.id()), publishedAt));
        }
        return records;
    }

    /** The default rule pack as records, each naming its file in the pack. */
    public static List<CompatibilityRule> ofDefaultPack(Set<String> knownCheckIds, Instant publishedAt) {
        return of(DefaultRulePack.load(knownCheckIds, null), DefaultRulePack.ORIGIN, publishedAt);
    }

    public static CompatibilityRule of(Rule rule, String sourceFile, Instant publishedAt) {
        RuleScope scope = RuleScope.newBuilder()
                .setLabels(new TreeMap<>(rule.scope().labels().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue().text()))))
                .setHosts(rule.scope().hosts().stream().map(Object::toString).toList())
                .setEnvironments(rule.scope().environments().stream().map(Object::toString).toList())
                .setPlatform(new TreeMap<>(rule.scope().platform().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue().text()))))
                .setInstallers(new ArrayList<>(rule.scope().installers()))
                .setChannels(new ArrayList<>(rule.scope().channels()))
                .build();
        return CompatibilityRule.newBuilder()
                .setId(rule.id()).setKind(RuleKind.RULE).setOrigin(rule.origin()).setYaml(rule.yaml())
                .setSourceFile(sourceFile).setPublishedAt(publishedAt)
                .setDescription(rule.description()).setSources(rule.sources())
                .setSeverity(Severity.valueOf(rule.severity().name()))
                .setScope(scope)
                .setWhen(texts(rule.when())).setRequire(texts(rule.require())).setForbid(texts(rule.forbid()))
                .setSameChannel(rule.sameChannel())
                .setChannelMix(rule.channelMix() == null ? null : ChannelMix.newBuilder()
                        .setChannel(rule.channelMix().channel()).setWith(List.copyOf(rule.channelMix().others())).build())
                .setFix(rule.fix())
                .build();
    }

    public static CompatibilityRule of(Waiver waiver, String origin, String sourceFile, Instant publishedAt) {
        return CompatibilityRule.newBuilder()
                .setId(waiver.id()).setKind(RuleKind.WAIVER).setOrigin(origin).setYaml(waiver.yaml())
                .setSourceFile(sourceFile).setPublishedAt(publishedAt)
                .setRuleId(waiver.ruleId()).setOwner(waiver.owner()).setReason(waiver.reason())
                .setExpires(waiver.expires())
                .build();
    }

    /**
     * The rules and waivers of the records, read from their YAML as one rule file. Problems (an entry
     * that no longer reads, two entries with one id) are returned with the rules that read cleanly.
     */
    public static LoadedRules load(Collection<CompatibilityRule> records, Set<String> knownCheckIds) {
        StringBuilder rules = new StringBuilder();
        StringBuilder waivers = new StringBuilder();
        for (CompatibilityRule record : records) {
            StringBuilder section = record.getKind() == RuleKind.WAIVER ? waivers : rules;
            listItem(section, record.getYaml());
        }
        StringBuilder document = new StringBuilder();
        if (rules.length() > 0) {
            document.append("rules:\n").append(rules);
        }
        if (waivers.length() > 0) {
            document.append("waivers:\n").append(waivers);
        }
        return RuleFileLoader.load(List.of(new RuleFile("envaudit.rules", document.toString())), USER, knownCheckIds, null);
    }

    /** An entry's YAML (written from column 1) as an item of a block list. */
    private static void listItem(StringBuilder out, String yaml) {
        String[] lines = yaml.strip().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "  - " : "    ").append(lines[i]).append('\n');
        }
    }

    private static List<String> texts(List<PackageSpec> specs) {
        return specs.stream().map(PackageSpec::toString).toList();
    }
}
