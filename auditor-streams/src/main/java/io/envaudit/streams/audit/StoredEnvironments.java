package io.envaudit.streams.audit;

import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.StoredEnvironment;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An environment's content as the auditor keeps it: the snapshot without its collection time, in
 * single-object encoding, deflated. Package lists are text that repeats itself (channels, subdirs,
 * {@code >=} clauses of depends), which deflate shrinks several times over, more than dropping fields
 * would, and the whole snapshot stays available to re-audits, scopes and blame. The fingerprint of the
 * content tells a heartbeat (same content, later time) from a change without decoding anything.
 */
public final class StoredEnvironments {
    private final Serde<EnvironmentSnapshot> snapshots;
    private final String topic;
    // zlib's state is a few hundred kB of native memory, costly to set up for each record: one per thread, reset
    private final ThreadLocal<Deflater> deflaters = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED));
    private final ThreadLocal<Inflater> inflaters = ThreadLocal.withInitial(Inflater::new);

    /** @param snapshots the snapshot topic's value serde (its registry knows the writer schema), and its topic */
    public StoredEnvironments(Serde<EnvironmentSnapshot> snapshots, String topic) {
        this.snapshots = snapshots;
        this.topic = topic;
    }

    /** A snapshot's content, encoded once: its fingerprint tells a heartbeat, and only new content is deflated. */
    public record Content(byte[] encoded, long fingerprint) {
    }

    public Content contentOf(EnvironmentSnapshot snapshot) {
        // a shallow copy sharing the packages: the builder's deep copy took most of the time of this step
        EnvironmentSnapshot content = new EnvironmentSnapshot(snapshot.getHost(), snapshot.getEnvironment(), snapshot.getPlatform(),
                Instant.EPOCH, snapshot.getPartial(), snapshot.getSource(), snapshot.getPackages());
        byte[] encoded = snapshots.serializer().serialize(topic, content);
        return new Content(encoded, SchemaNormalization.fingerprint64(encoded));
    }

    public StoredEnvironment stored(Content content, Instant collectedAt) {
        return StoredEnvironment.newBuilder()
                .setContentFingerprint(content.fingerprint())
                .setCollectedAt(collectedAt)
                .setSnapshot(ByteBuffer.wrap(deflate(content.encoded())))
                .build();
    }

    public StoredEnvironment of(EnvironmentSnapshot snapshot) {
        return stored(contentOf(snapshot), snapshot.getCollectedAt());
    }

    public EnvironmentSnapshot snapshotOf(StoredEnvironment stored) {
        ByteBuffer bytes = stored.getSnapshot().duplicate();
        byte[] deflated = new byte[bytes.remaining()];
        bytes.get(deflated);
        EnvironmentSnapshot content = snapshots.deserializer().deserialize(topic, inflate(deflated));
        return new EnvironmentSnapshot(content.getHost(), content.getEnvironment(), content.getPlatform(), stored.getCollectedAt(),
                content.getPartial(), content.getSource(), content.getPackages());
    }

    private byte[] deflate(byte[] bytes) {
        Deflater deflater = deflaters.get();
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 16);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
        }
    }

    private byte[] inflate(byte[] bytes) {
        Inflater inflater = inflaters.get();
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored environment is truncated: its deflated snapshot ends early");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored environment does not inflate: " + e.getMessage(), e);
        } finally {
            inflater.reset();
        }
    }
}
