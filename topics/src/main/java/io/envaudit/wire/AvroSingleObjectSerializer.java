package io.envaudit.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro single-object encoding (C3 01, the schema's 8-byte fingerprint, the binary body) after
 * registering the writer schema, once, before the first record. Thread-safe.
 */
public final class AvroSingleObjectSerializer<T> implements Serializer<T> {
    private final Schema schema;
    private final SchemaRegistry registry;
    private final BinaryMessageEncoder<T> encoder;
    private volatile boolean registered;

    private AvroSingleObjectSerializer(GenericData model, Schema schema, SchemaRegistry registry) {
        this.schema = schema;
        this.registry = registry;
        // No copy: the thread's buffer is copied once, into the byte[] Kafka wants.
        this.encoder = new BinaryMessageEncoder<>(model, schema, false);
    }

    public static <T extends SpecificRecord> AvroSingleObjectSerializer<T> forClass(Class<T> type, SchemaRegistry registry) {
        SpecificData model = SpecificData.getForClass(type);
        return new AvroSingleObjectSerializer<>(model, model.getSchema(type), registry);
    }

    /** For writers without generated classes (tools, and tests that write older or newer schemas). */
    public static AvroSingleObjectSerializer<GenericRecord> forSchema(Schema schema, SchemaRegistry registry) {
        return new AvroSingleObjectSerializer<>(GenericData.get(), schema, registry);
    }

    public Schema schema() {
        return schema;
    }

    /** Threads racing on the first record write the schemas topic once, not once each. */
    private synchronized void registerOnce() {
        if (!registered) {
            registry.register(schema);
            registered = true;
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!registered) {
            registerOnce();
        }
        try {
            ByteBuffer encoded = encoder.encode(data);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("a record for " + topic + " does not fit " + schema.getFullName()
                    + " (" + SchemaFingerprint.hex(SchemaFingerprint.of(schema)) + "): " + e.getMessage(), e);
        }
    }
}
