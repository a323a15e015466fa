package io.envaudit.wire;

import java.util.HexFormat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The CRC-64-AVRO fingerprint of a schema's Parsing Canonical Form, and its 8 bytes as they stand on
 * the wire: little-endian, in bytes 2-9 of every record and as the key of the schemas topic.
 */
public final class SchemaFingerprint {
    public static final int LENGTH = 8;

    private static final HexFormat HEX = HexFormat.of();

    private SchemaFingerprint() {
    }

    public static long of(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Little-endian, as the Avro spec's single-object encoding writes it. */
    public static byte[] toBytes(long fingerprint) {
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bytes[i] = (byte) (fingerprint >>> (8 * i));
        }
        return bytes;
    }

    public static long fromBytes(byte[] bytes, int offset) {
        long fingerprint = 0;
        for (int i = LENGTH - 1; i >= 0; i--) {
            fingerprint = (fingerprint << 8) | (bytes[offset + i] & 0xFF);
        }
        return fingerprint;
    }

    /** The wire bytes in hex (what a hex dump of a record or a schemas-topic key shows), for messages. */
    public static String hex(long fingerprint) {
        return HEX.formatHex(toBytes(fingerprint));
    }
}
