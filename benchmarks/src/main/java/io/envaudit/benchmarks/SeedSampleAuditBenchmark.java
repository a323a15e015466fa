package io.envaudit.benchmarks;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What {@code envaudit audit samples/seed-tf210-anaconda-keras.json} costs once the JVM is warm: the
 * default rule pack and all built-in checks (depends, Requires-Dist, duplicates, channels) on the seed
 * sample, with and without preparing the snapshot's view.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SeedSampleAuditBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    private EnvironmentSnapshot snapshot;
    private EnvironmentView view;
    private Auditor auditor;

    @Setup
    public void setUp() throws IOException {
        Path sample = Path.of(System.getProperty("envaudit.sample", "samples/seed-tf210-anaconda-keras.json"));
        try (Reader in = Files.newBufferedReader(sample)) {
            snapshot = AvroPlainJson.read(in, sample.toString(), EnvironmentSnapshot.getClassSchema());
        }
        LoadedRules pack = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null);
        auditor = new Auditor(pack.ruleSet(), BuiltInChecks.all());
        view = EnvironmentView.of(snapshot);
        AuditResult result = auditor.audit(view, NOW);
        if (result.conflicts().size() != 4) {
            throw new IllegalStateException("the seed sample should have 4 conflicts, not " + result.conflicts());
        }
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
