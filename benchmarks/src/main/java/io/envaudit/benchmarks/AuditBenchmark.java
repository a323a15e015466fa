package io.envaudit.benchmarks;

import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.rules.PackageSpec;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.RuleSet;
import io.envaudit.engine.rules.Scope;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.version.Flavor;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One 300-package snapshot (the first 300 pins of a real Colab {@code pip freeze}) audited against
 * 1,000 rules: {@code auditPreparedView} is the audit itself (the streaming auditor prepares the view
 * once per snapshot), {@code prepareViewAndAudit} adds reading the snapshot's 300 versions and names.
 * A third of the rules concern installed packages and are evaluated in full (each requirement in range,
 * so no conflict short-cuts the work); the rest name packages that are not installed, as most of an
 * organisation's rules do on any one machine.
 */
@org.openjdk.jmh.annotations.State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuditBenchmark {
    private static final String FREEZE = "/benchmarks/colab-tf220-keras313-torch210-jax072-pip-freeze.txt";
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    @Param({"300"})
    int packages;

    @Param({"1000"})
    int rules;

    private EnvironmentSnapshot snapshot;
    private EnvironmentView view;
    private Auditor auditor;

    @Setup
    public void setUp() {
        List<String[]> pins = pins();
        List<InstalledPackage> installed = new ArrayList<>();
        for (String[] pin : pins.subList(0, packages)) {
            installed.add(InstalledPackage.newBuilder().setName(pin[0]).setVersion(pin[1])
                    .setInstaller(Installer.PIP).setChannel("pypi").build());
        }
        snapshot = EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId("bench").setHostname("bench").build())
                .setEnvironment(Environment.newBuilder().setId("bench//venv").setPrefix("/venv").setManager(EnvironmentManager.VENV).build())
                .setPlatform(Platform.newBuilder().setOs("linux").setPythonVersion("3.12.12").build())
                .setCollectedAt(NOW).setPackages(installed).build();
        view = EnvironmentView.of(snapshot);
        auditor = new Auditor(new RuleSet(rules(pins), List.of(), Map.of()), List.of());
        if (!auditor.audit(view, NOW).conflicts().isEmpty()) {
            throw new IllegalStateException("the generated rules must all hold");
        }
    }

    private List<Rule> rules(List<String[]> pins) {
        Random random = new Random(1000);
        List<Rule> generated = new ArrayList<>(rules);
        for (int i = 0; i < rules; i++) {
            boolean installed = i % 3 == 0;
            String subject = installed ? pins.get(random.nextInt(packages))[0] : "not-installed-" + i;
            String required = pins.get(random.nextInt(packages))[0];
            generated.add(new Rule("rule-" + i, "generated", List.of("benchmark"), Severity.ERROR, Scope.EVERYWHERE,
                    List.of(PackageSpec.parse(subject + ">=0", Flavor.PEP440)),
                    List.of(PackageSpec.parse(required + ">=0,!=999999", Flavor.PEP440)),
                    List.of(PackageSpec.parse("definitely-absent-" + i + "<1", Flavor.PEP440)),
                    List.of(), null, "none", "user", ""));
        }
        return generated;
    }

    private static List<String[]> pins() {
        List<String[]> pins = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AuditBenchmark.class.getResourceAsStream(FREEZE), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int eq = line.indexOf("==");
                if (eq > 0 && !line.startsWith("-e")) {
                    pins.add(new String[] {line.substring(0, eq).strip(), line.substring(eq + 2).strip()});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pins;
    }

    @Benchmark
    public Object auditPreparedView() {
        return auditor.audit(view, NOW);
    }

    @Benchmark
    public Object prepareViewAndAudit() {
        return auditor.audit(EnvironmentView.of(snapshot), NOW);
    }
}
