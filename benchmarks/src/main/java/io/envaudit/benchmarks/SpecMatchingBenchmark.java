package io.envaudit.benchmarks;

import io.envaudit.engine.pep440.Pep440SpecifierSet;
import io.envaudit.engine.pep440.Pep440Version;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spec matching throughput on the shared batch, in the two shapes the auditor uses: specs and versions
 * parsed once then matched many times (the hot path), and parse-then-match per line (the batch command).
 * One operation is one (spec, version) question.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpecMatchingBenchmark {
    private Pep440SpecifierSet[] specs;
    private Pep440Version[] versions;
    private String[] specTexts;
    private String[] versionTexts;
    private int next;

    @Setup
    public void load() {
        List<String[]> batch = SpecMatchingBatch.load();
        specs = new Pep440SpecifierSet[batch.size()];
        versions = new Pep440Version[batch.size()];
        specTexts = new String[batch.size()];
        versionTexts = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            specTexts[i] = batch.get(i)[0];
            versionTexts[i] = batch.get(i)[1];
            specs[i] = Pep440SpecifierSet.parse(specTexts[i]);
            versions[i] = Pep440Version.parse(versionTexts[i]);
        }
    }

    @Benchmark
    public boolean matchParsed() {
        int i = next++ % specs.length;
        return specs[i].contains(versions[i]);
    }

    @Benchmark
    public boolean parseAndMatch() {
        int i = next++ % specs.length;
        return Pep440SpecifierSet.parse(specTexts[i]).contains(Pep440Version.parse(versionTexts[i]));
    }
}
