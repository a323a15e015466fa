package io.envaudit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaFingerprintTest {

    @Test
    void bytesAreLittleEndianAndRoundTrip() {
        long fingerprint = 0x0102030405060708L;
        byte[] bytes = SchemaFingerprint.toBytes(fingerprint);

        assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, bytes);
        assertEquals(fingerprint, SchemaFingerprint.fromBytes(bytes, 0));
        assertEquals("0807060504030201", SchemaFingerprint.hex(fingerprint));
        assertEquals(-1L, SchemaFingerprint.fromBytes(SchemaFingerprint.toBytes(-1L), 0));
    }

    @Test
    void knownValuesOfTheSpecification() {
        // CRC-64-AVRO of the canonical form "int" and "string", as other implementations test them.
        assertEquals(8247732601305521295L, SchemaFingerprint.of(Schema.create(Schema.Type.INT)));
        assertEquals(-8142146995180207161L, SchemaFingerprint.of(Schema.create(Schema.Type.STRING)));
    }

    @Test
    void docsAndDefaultsDoNotChangeTheFingerprintFieldsDo() {
        Schema plain = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        Schema documented = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"doc\":\"d\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":1,\"doc\":\"x\"}]}");
        Schema another = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"b\",\"type\":\"int\"}]}");

        assertEquals(SchemaFingerprint.of(plain), SchemaFingerprint.of(documented));
        assertNotEquals(SchemaFingerprint.of(plain), SchemaFingerprint.of(another));
    }
}
