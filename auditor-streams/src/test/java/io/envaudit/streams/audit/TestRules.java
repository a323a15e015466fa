package io.envaudit.streams.audit;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.engine.rules.RuleSet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Rule files of the audit tests, read as the auditor reads published rules. */
final class TestRules {
    private TestRules() {
    }

    /** A rule file's text, loaded; a file with errors fails the test that uses it. */
    static RuleSet load(String name, String yaml) {
        LoadedRules loaded = RuleFileLoader.load(List.of(new RuleFile(name, yaml)), "user", Set.copyOf(BuiltInChecks.ids()), null);
        if (loaded.hasErrors()) { // a waiver alone only warns that its rule is elsewhere
            throw new IllegalStateException(name + ": " + loaded.problems());
        }
        return loaded.ruleSet();
    }

    /** {@code rules/numpy-floor.yaml}: a rule every sample environment breaks. */
    static Rule numpyFloor() {
        try (InputStream in = TestRules.class.getResourceAsStream("/rules/numpy-floor.yaml")) {
            return load("numpy-floor.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8)).rules().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
