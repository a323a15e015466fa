package io.envaudit.wire;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;

/**
 * A registry in a map, for one process that reads only what it wrote: tests without a broker and
 * benchmarks. It counts registrations and lookups, which the serde tests check.
 */
public final class MemorySchemaRegistry implements SchemaRegistry {
    private final Map<Long, Schema> schemas = new ConcurrentHashMap<>();
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();

    @Override
    public void register(Schema schema) {
        registrations.incrementAndGet();
        schemas.put(SchemaFingerprint.of(schema), schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        lookups.incrementAndGet();
        return schemas.get(fingerprint);
    }
}
