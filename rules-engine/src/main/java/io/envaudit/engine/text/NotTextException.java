package io.envaudit.engine.text;

import java.io.IOException;

/**
 * Bytes that are not text in the encoding they are read in ({@link TextBytes}): the message names the source, the
 * encoding, the offset of the first bad byte and what is wrong there, e.g. {@code notes.bin: not UTF-8 text: a NUL
 * byte at offset 40 (binary data, or UTF-16 without a byte order mark)}.
 */
public final class NotTextException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;
    private final int offset;

    NotTextException(String source, String encoding, int offset, String detail) {
        this(source, "not " + encoding + " text: " + detail, offset);
    }

    private NotTextException(String source, String problem, int offset) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
        this.offset = offset;
    }

    /** What the message calls the bytes: a file name, or {@code -} for stdin. */
    public String source() {
        return source;
    }

    /** The message without the source: {@code not UTF-8 text: invalid byte 0xE9 at offset 2}. */
    public String problem() {
        return problem;
    }

    /** The offset of the first byte that is not text, counted from 0 at the file's first byte (its byte order mark included). */
    public int offset() {
        return offset;
    }
}
