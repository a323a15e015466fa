package io.envaudit.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Avro single-object encoding of a generated class, with schemas in a {@link SchemaRegistry}. */
public final class AvroSingleObjectSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSingleObjectSerializer<T> serializer;
    private final AvroSingleObjectDeserializer<T> deserializer;

    public AvroSingleObjectSerde(Class<T> type, SchemaRegistry registry) {
        this.serializer = AvroSingleObjectSerializer.forClass(type, registry);
        this.deserializer = new AvroSingleObjectDeserializer<>(type, registry);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
