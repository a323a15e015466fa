package io.envaudit.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/prometheus as Prometheus reads it: {@code promtool check config} and {@code check rules} accept the
 * configuration and the rule files, and the {@code promtool test rules} unit tests pass and cover every
 * alerting rule, each both firing and not firing.
 */
class PrometheusRulesTest {
    private static final Path PROMETHEUS_DIR = Path.of("..", "deploy", "prometheus");

    private record Done(int exitCode, String out) {
    }

    private static Done promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DebianPrometheus.require(DebianPrometheus.PROMTOOL).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(PROMETHEUS_DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Done(process.exitValue(), out);
    }

    private static List<String> files(String folder) throws IOException {
        try (Stream<Path> files = Files.list(PROMETHEUS_DIR.resolve(folder))) {
            return files.map(f -> folder + "/" + f.getFileName()).filter(f -> f.endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void promtoolAcceptsTheConfigurationAndItsRuleFiles() throws Exception {
        Done config = promtool("check", "config", "prometheus.yml");
        assertEquals(0, config.exitCode(), config.out());
        assertTrue(config.out().contains("SUCCESS: 2 rule files found"), config.out());
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        args.addAll(files("rules"));
        Done rules = promtool(args.toArray(String[]::new));
        assertEquals(0, rules.exitCode(), rules.out());
    }

    @Test
    void theRuleUnitTestsPass() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        args.addAll(files("tests"));
        Done tested = promtool(args.toArray(String[]::new));
        assertEquals(0, tested.exitCode(), tested.out());
        assertEquals(files("tests").size(), tested.out().split("SUCCESS", -1).length - 1, tested.out());
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : Yaml.maps(Yaml.map(Yaml.load(PROMETHEUS_DIR.resolve("rules/alerts.yml"))), "groups")) {
            Yaml.maps(group, "rules").forEach(rule -> alerts.add((String) rule.get("alert")));
        }
        assertTrue(alerts.size() >= 6, alerts.toString());
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (String file : files("tests")) {
            for (Map<String, Object> test : Yaml.maps(Yaml.map(Yaml.load(PROMETHEUS_DIR.resolve(file))), "tests")) {
                for (Map<String, Object> check : Yaml.maps(test, "alert_rule_test")) {
                    (Yaml.list(check, "exp_alerts").isEmpty() ? silent : firing).add((String) check.get("alertname"));
                }
            }
        }
        assertEquals(alerts, firing, "alerts with a test where they fire");
        assertEquals(alerts, silent, "alerts with a test where they do not");
    }
}
