package io.envaudit.engine.version;

/**
 * The version grammar a string is written in. Nothing in envaudit guesses it: a pip record is PEP 440,
 * a conda record is conda, and a rule or requirement is PEP 440/508 unless it says conda.
 */
public enum Flavor {
    PEP440("pep440"),
    CONDA("conda");

    private final String label;

    Flavor(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Flavor fromLabel(String label) {
        for (Flavor flavor : values()) {
            if (flavor.label.equalsIgnoreCase(label)) {
                return flavor;
            }
        }
        throw new IllegalArgumentException("unknown version flavor '" + label + "' (expected pep440 or conda)");
    }

    @Override
    public String toString() {
        return label;
    }
}
