package io.envaudit.agent.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the small text files of an environment (METADATA, PKG-INFO, INSTALLER, pyvenv.cfg, os-release).
 * Python writes and reads them as UTF-8. A byte order mark (UTF-8 or UTF-16) is honoured; bytes that
 * are not UTF-8 are read as Latin-1, which never fails, so the package is still reported, and a
 * problem names the file and the offset of the first bad byte.
 */
public final class TextFiles {
    /** Far above any real METADATA (requests' is 52 kB with its long description); a guard against a stray huge file. */
    static final long MAX_BYTES = 8L << 20;
    private static final int HEADER_CHUNK = 8192;

    private TextFiles() {
    }

    public static String read(Path file, ReadLog log) throws UnreadableFileException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new UnreadableFileException(file, "is " + size + " bytes, more than the " + MAX_BYTES + " read of such a file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + IoMessages.describe(e));
        }
        return decode(bytes, file, log);
    }

    /**
     * The text up to and including its first blank line: the header block of a core metadata file, which is
     * all the agent reads of it. The description after it (most of a METADATA: 50 of requests' 52 kB) is
     * neither read nor decoded. A file without a blank line (or in UTF-16) is read whole.
     */
    public static String readHeader(Path file, ReadLog log) throws UnreadableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(headerBytes(in, file), file, log);
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + IoMessages.describe(e));
        }
    }

    private static byte[] headerBytes(InputStream in, Path file) throws IOException, UnreadableFileException {
        byte[] buffer = new byte[HEADER_CHUNK];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length >= MAX_BYTES) {
                    throw new UnreadableFileException(file, "has no blank line in its first " + MAX_BYTES + " bytes");
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_BYTES, 2L * length));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return Arrays.copyOf(buffer, length);
            }
            // each new byte that is a line feed ends a blank line when the one or two before it (read earlier, maybe) say so
            for (int i = Math.max(1, length); i < length + read; i++) {
                if (buffer[i] == '\n' && (buffer[i - 1] == '\n' || (i >= 2 && buffer[i - 1] == '\r' && buffer[i - 2] == '\n'))) {
                    return Arrays.copyOf(buffer, i + 1);
                }
            }
            length += read;
        }
    }

    static String decode(byte[] bytes, Path file, ReadLog log) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return utf8OrLatin1(ByteBuffer.wrap(bytes, 3, bytes.length - 3), file, log);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        return utf8OrLatin1(ByteBuffer.wrap(bytes), file, log);
    }

    private static String utf8OrLatin1(ByteBuffer in, Path file, ReadLog log) {
        int start = in.position();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            decoder.flush(out);
            return out.flip().toString();
        }
        int offset = in.position();
        log.note(new ReadProblem(file, "is not UTF-8 (byte offset " + offset + "); read as Latin-1"));
        in.position(start);
        return StandardCharsets.ISO_8859_1.decode(in).toString();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
