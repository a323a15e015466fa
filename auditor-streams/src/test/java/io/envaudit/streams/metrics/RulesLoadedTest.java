package io.envaudit.streams.metrics;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.audit.AuditTopology;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.MemorySchemaRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the gauge envaudit_rules_loaded counts in a partition's rules store, filled by the audit topology. */
class RulesLoadedTest {
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void countsTheRulesOfAPartitionsStoreAndNotTheWaivers() {
        Set<String> checks = Set.copyOf(BuiltInChecks.ids());
        LoadedRules waiver = RuleFileLoader.load(List.of(new RuleFile("waivers.yaml", """
                waivers:
                  - id: vision-keeps-anaconda-keras
                    rule: anaconda-channel-mixed
                    reason: The vision team pins keras from anaconda until the port lands.
                    owner: vision@example.org
                    expires: 2030-01-31
                """)), RuleRecords.USER, checks, T0);
        EnvauditTopics topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, new MemorySchemaRegistry());
        AuditorMeters meters = new AuditorMeters(AuditorMetrics.registry());
        try (TopologyTestDriver driver = new TopologyTestDriver(AuditTopology.build(topics, BuiltInChecks.all(), AuditSettings.DEFAULTS, meters),
                StreamingAuditor.config("envaudit-test", stateDir, topics, meters, Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")),
                T0)) {
            TestInputTopic<String, CompatibilityRule> broadcast = driver.createInputTopic(topics.rulesBroadcast().name(),
                    topics.rulesBroadcast().keySerde().serializer(), topics.rulesBroadcast().valueSerde().serializer());
            List<CompatibilityRule> entries = new ArrayList<>(RuleRecords.ofDefaultPack(checks, T0));
            entries.addAll(RuleRecords.of(waiver, RuleRecords.USER, T0));
            entries.forEach(entry -> broadcast.pipeInput(entry.getId(), entry));

            assertEquals(DefaultRulePack.load(checks, T0).ruleSet().rules().size(),
                    RulesLoaded.rulesIn(driver.getKeyValueStore(AuditTopology.RULES_STORE)));
        }
    }
}
