package io.envaudit.engine.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The text of a file a user names (a listing, a rule file), decoded strictly: garbled text would be read as
 * garbled package names or rules, so bytes that are not text are an error instead. UTF-8, with or without a byte
 * order mark, and UTF-16 little- or big-endian with its byte order mark (what Windows PowerShell's {@code >} writes,
 * so {@code conda list > env.txt} there gives UTF-16LE). Without a byte order mark UTF-16 cannot be told from binary
 * data. A NUL is not text in any of them: valid UTF-8 as it is, it is what binary files are full of. The byte order
 * mark is no part of the text.
 */
public final class TextBytes {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    private TextBytes() {
    }

    /**
     * @param source what an error calls the bytes: a file name, or {@code -} for stdin
     * @throws NotTextException naming the source, the encoding and the offset of the first byte that is not text
     */
    public static String decode(String source, byte[] bytes) throws NotTextException {
        if (startsWith(bytes, UTF16LE_BOM)) {
            return decode(source, bytes, UTF16LE_BOM.length, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, UTF16BE_BOM)) {
            return decode(source, bytes, UTF16BE_BOM.length, StandardCharsets.UTF_16BE);
        }
        return decode(source, bytes, startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0, StandardCharsets.UTF_8);
    }

    private static String decode(String source, byte[] bytes, int start, Charset charset) throws NotTextException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        // neither encoding gives more characters than it has bytes
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            decoder.flush(out);
        }
        // on an error, what was decoded before it: a NUL there comes first
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw nul(source, bytes, start, charset, nul);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new NotTextException(source, charset.name(), offset, "invalid " + (result.length() == 1 ? "byte " : "bytes ")
                    + hex(bytes, offset, result.length()) + " at offset " + offset);
        }
        return text;
    }

    private static NotTextException nul(String source, byte[] bytes, int start, Charset charset, int index) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            // no other character's UTF-8 bytes hold a 0, so the first 0 byte is the NUL
            int offset = indexOfZero(bytes, start);
            return new NotTextException(source, charset.name(), offset,
                    "a NUL byte at offset " + offset + " (binary data, or UTF-16 without a byte order mark)");
        }
        int offset = start + 2 * index; // two bytes per UTF-16 code unit, after the byte order mark
        return new NotTextException(source, charset.name(), offset, "a NUL character at offset " + offset + " (binary data)");
    }

    private static int indexOfZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no NUL byte in text that decoded to a NUL");
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = offset; i < offset + length && i < bytes.length; i++) {
            out.append(out.isEmpty() ? "" : " ").append("0x").append(HexFormat.of().withUpperCase().toHexDigits(bytes[i]));
        }
        return out.toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
