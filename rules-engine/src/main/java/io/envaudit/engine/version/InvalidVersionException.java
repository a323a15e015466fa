package io.envaudit.engine.version;

/** A version string that does not parse in its flavor; the message names the input and what is wrong. */
public final class InvalidVersionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final Flavor flavor;
    private final String input;

    public InvalidVersionException(Flavor flavor, String input, String reason) {
        super("invalid " + describe(flavor) + " version " + Quoting.quote(input) + ": " + reason);
        this.flavor = flavor;
        this.input = input;
    }

    public Flavor flavor() {
        return flavor;
    }

    public String input() {
        return input;
    }

    static String describe(Flavor flavor) {
        return flavor == Flavor.PEP440 ? "PEP 440" : "conda";
    }
}
