package io.envaudit.engine.version;

/**
 * A specifier, version spec, MatchSpec, requirement or marker that does not parse; the message names
 * the input, what is wrong and, where known, the character offset.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;

    public InvalidSpecException(String kind, String input, String reason) {
        super("invalid " + kind + " " + Quoting.quote(input) + ": " + reason);
        this.input = input;
    }

    public InvalidSpecException(String kind, String input, int offset, String reason) {
        this(kind, input, reason + " (at offset " + offset + ")");
    }

    public String input() {
        return input;
    }
}
