package io.envaudit.wire;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Where writers register their schemas and readers find them by fingerprint. A reader can decode a
 * record only if its writer registered the schema first: writers register before their first record.
 */
public interface SchemaRegistry extends SchemaStore {

    /** Makes the schema findable by every reader; returns once it is durably stored. Idempotent. */
    void register(Schema schema);

    /** The schema with this fingerprint, or null if no writer registered one. */
    @Override
    Schema findByFingerprint(long fingerprint);
}
