package io.envaudit.engine.json;

/**
 * JSON that does not fit its schema or is not JSON: the message names the source, line, column and
 * field path ({@code me.json:12:9: packages[3].version: expected a string}).
 */
public final class PlainJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PlainJsonException(String source, long line, long column, String path, String problem) {
        super(source + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
