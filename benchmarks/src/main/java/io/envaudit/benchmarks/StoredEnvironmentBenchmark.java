package io.envaudit.benchmarks;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.StoredEnvironment;
import io.envaudit.streams.audit.StoredEnvironments;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.AvroSingleObjectSerde;
import io.envaudit.wire.MemorySchemaRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the auditor's compact environment store costs: telling a heartbeat from new content (encoding
 * without the collection time and fingerprinting, {@code fingerprint}: every snapshot pays it), storing
 * new content (the same, then deflating, {@code store}), and getting the snapshot back for a re-audit
 * ({@code restore}). The set-up prints the bytes: the snapshot on the wire against the
 * stored record, which is what the store and its changelog write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoredEnvironmentBenchmark {
    @Param({"samples/seed-tf210-anaconda-keras.json"})
    String sample;

    private StoredEnvironments stored;
    private EnvironmentSnapshot snapshot;
    private StoredEnvironment record;

    @Setup
    public void setUp() throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(sample))) {
            snapshot = AvroPlainJson.read(in, sample, EnvironmentSnapshot.getClassSchema());
        }
        EnvauditTopics topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, new MemorySchemaRegistry());
        stored = new StoredEnvironments(topics.snapshots().valueSerde(), topics.snapshots().name());
        record = stored.of(snapshot);
        if (!stored.snapshotOf(record).equals(snapshot)) {
            throw new IllegalStateException(sample + " does not come back from the store as it went in");
        }
        int wire = topics.snapshots().valueSerde().serializer().serialize(topics.snapshots().name(), snapshot).length;
        Serde<StoredEnvironment> serde = new AvroSingleObjectSerde<>(StoredEnvironment.class, topics.registry());
        int kept = serde.serializer().serialize("environments", record).length;
        System.out.printf("%n%s: %d packages, %d bytes on the wire, %d bytes stored (%.1f times fewer)%n",
                sample, snapshot.getPackages().size(), wire, kept, (double) wire / kept);
    }

    @Benchmark
    public Object fingerprint() {
        return stored.contentOf(snapshot);
    }

    @Benchmark
    public Object store() {
        return stored.of(snapshot);
    }

    @Benchmark
    public Object restore() {
        return stored.snapshotOf(record);
    }
}
