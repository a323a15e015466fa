package io.envaudit.engine.spec;

import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.version.Flavor;

/**
 * The version of an installed record, parsed in the record's own flavor: a pip record by PEP 440, a
 * conda record by conda's VersionOrder. That flavor decides the ordering whatever grammar a spec is
 * written in.
 */
public final class InstalledVersion implements Comparable<InstalledVersion> {
    private final Flavor flavor;
    private final String text;
    private final Pep440Version pep440;

    private InstalledVersion(Flavor flavor, String text, Pep440Version pep440) {
        this.flavor = flavor;
        this.text = text;
        this.pep440 = pep440;
    }

    /** Parses {@code text} in {@code flavor}; throws {@link io.envaudit.engine.version.InvalidVersionException} naming it. */
    public static InstalledVersion parse(Flavor flavor, String text) {
        return switch (flavor) {
            case PEP440 -> new InstalledVersion(flavor, text, Pep440Version.parse(text));
            case CONDA -> throw new UnsupportedOperationException("conda versions arrive with the conda engine");
        };
    }

    public Flavor flavor() {
        return flavor;
    }

    public String text() {
        return text;
    }

    Pep440Version pep440() {
        return pep440;
    }

    @Override
    public int compareTo(InstalledVersion other) {
        if (flavor != other.flavor) {
            throw new IllegalArgumentException("cannot order a " + flavor + " version against a " + other.flavor + " one");
        }
        return pep440.compareTo(other.pep440);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstalledVersion other && flavor == other.flavor && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * flavor.hashCode() + pep440.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
