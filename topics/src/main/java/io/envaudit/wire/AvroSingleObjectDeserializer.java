package io.envaudit.wire;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.envaudit.wire.UndecodableRecordException.Reason;

/**
 * Reads Avro single-object encoding into the reader's generated class, whatever version of the
 * schema wrote it, older or newer, as long as the writer registered it and it resolves to the reader.
 * A record that can never be read throws {@link UndecodableRecordException} with the reason; a registry
 * outage throws {@link SchemaRegistryException}. Null (a tombstone) stays null. Thread-safe.
 */
public final class AvroSingleObjectDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    static final int HEADER_LENGTH = 2 + SchemaFingerprint.LENGTH;
    /**
     * The largest record value read: 16 MiB, a snapshot of some 100,000 packages. Broker limits apply to
     * compressed batches, so a record can arrive far larger than {@code max.message.bytes}; one this big
     * is an agent gone wrong, and decoding it would cost the auditor memory every other record needs.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = (byte) 0x01;

    private final Schema readerSchema;
    private final long readerFingerprint;
    private final SchemaRegistry registry;
    private final BinaryMessageDecoder<T> decoder;
    /** Per writer fingerprint: null when it resolves to the reader, else why not. */
    private final ConcurrentMap<Long, String> incompatibilities = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> checkDecoder = new ThreadLocal<>();

    public AvroSingleObjectDeserializer(Class<T> type, SchemaRegistry registry) {
        SpecificData model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.readerFingerprint = SchemaFingerprint.of(readerSchema);
        this.registry = registry;
        this.decoder = new BinaryMessageDecoder<>(model, readerSchema, registry);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        long fingerprint = fingerprint(topic, data);
        Schema writer = writerSchema(topic, fingerprint);
        checkResolves(topic, fingerprint, writer);
        checkBody(topic, data, writer);
        try {
            return decoder.decode(data);
        } catch (SchemaRegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(Reason.CORRUPT_BODY, topic + ": the body does not decode with "
                    + describe(writer, fingerprint) + ": " + e.getMessage(), e);
        }
    }

    private static long fingerprint(String topic, byte[] data) {
        if (data.length > MAX_RECORD_BYTES) {
            throw new UndecodableRecordException(Reason.OVERSIZED, topic + ": " + data.length + " bytes, more than the "
                    + MAX_RECORD_BYTES + " a record may have");
        }
        if (data.length < HEADER_LENGTH) {
            throw new UndecodableRecordException(Reason.BAD_HEADER, topic + ": " + data.length
                    + " bytes, shorter than the " + HEADER_LENGTH + "-byte single-object header");
        }
        if (data[0] != MAGIC_0 || data[1] != MAGIC_1) {
            throw new UndecodableRecordException(Reason.BAD_HEADER, String.format(
                    "%s: starts with %02X %02X, not C3 01 (Avro single-object encoding)", topic, data[0], data[1]));
        }
        return SchemaFingerprint.fromBytes(data, 2);
    }

    private Schema writerSchema(String topic, long fingerprint) {
        if (fingerprint == readerFingerprint) {
            return readerSchema;
        }
        Schema writer = registry.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new UndecodableRecordException(Reason.UNKNOWN_SCHEMA, topic + ": writer schema "
                    + SchemaFingerprint.hex(fingerprint) + " is unknown here and in the schemas topic");
        }
        return writer;
    }

    private void checkResolves(String topic, long fingerprint, Schema writer) {
        String incompatibility = incompatibilities.computeIfAbsent(fingerprint, fp -> {
            SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
            return result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                    ? "" : result.getResult().getIncompatibilities().toString();
        });
        if (!incompatibility.isEmpty()) {
            throw new UndecodableRecordException(Reason.INCOMPATIBLE_SCHEMA, topic + ": " + describe(writer, fingerprint)
                    + " does not resolve to the reader's " + SchemaFingerprint.hex(readerFingerprint) + ": " + incompatibility);
        }
    }

    /**
     * Walks the body with the writer's schema without building anything. Avro allocates a string, bytes
     * or array at its declared length before reading it, so a damaged length would cost up to 2 GB (a
     * probe: 1 GB and 8 s for one flipped length); skipping checks each length against the bytes left.
     */
    private void checkBody(String topic, byte[] data, Schema writer) {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, checkDecoder.get());
        checkDecoder.set(in);
        boolean complete;
        try {
            GenericDatumReader.skip(writer, in);
            complete = in.isEnd();
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(Reason.CORRUPT_BODY, topic + ": the body does not fit "
                    + describe(writer, fingerprintOf(data)) + ": " + e, e);
        }
        if (!complete) {
            throw new UndecodableRecordException(Reason.CORRUPT_BODY, topic + ": bytes left after the end of a "
                    + describe(writer, fingerprintOf(data)));
        }
    }

    private static long fingerprintOf(byte[] data) {
        return SchemaFingerprint.fromBytes(data, 2);
    }

    private static String describe(Schema writer, long fingerprint) {
        return writer.getFullName() + " " + SchemaFingerprint.hex(fingerprint);
    }
}
