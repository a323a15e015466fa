package io.envaudit.agent.publish;

import io.envaudit.schemas.EnvironmentSnapshot;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A 64-bit fingerprint of what a snapshot says about its environment, leaving out when it was collected: two
 * scans with equal fingerprints found the same environment, and only a heartbeat is worth sending. Plain Avro
 * binary of the current schema, with no registry: the agent must tell a change during a broker outage too.
 */
final class ContentFingerprint {
    private static final SpecificDatumWriter<EnvironmentSnapshot> WRITER = new SpecificDatumWriter<>(EnvironmentSnapshot.class);

    private ContentFingerprint() {
    }

    static long of(EnvironmentSnapshot snapshot) {
        EnvironmentSnapshot content = new EnvironmentSnapshot(snapshot.getHost(), snapshot.getEnvironment(), snapshot.getPlatform(),
                Instant.EPOCH, snapshot.getPartial(), snapshot.getSource(), snapshot.getPackages());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            WRITER.write(content, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the snapshot of " + snapshot.getEnvironment().getId(), e); // in memory: cannot happen
        }
        return SchemaNormalization.fingerprint64(bytes.toByteArray());
    }
}
