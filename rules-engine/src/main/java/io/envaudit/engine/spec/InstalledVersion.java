package io.envaudit.engine.spec;

import io.envaudit.engine.conda.CondaVersion;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidVersionException;

/**
 * The version of an installed record, parsed in the record's own flavor: a pip record by PEP 440, a
 * conda record by conda's VersionOrder. That flavor decides the ordering whatever grammar a spec is
 * written in. The other flavor's reading is made only when a spec of the other grammar asks for it;
 * it is published once, through a volatile field, so instances are safe to share between threads.
 */
public final class InstalledVersion implements Comparable<InstalledVersion> {
    /** The other flavor's reading, once tried: the parsed version, or this marker when it does not read. */
    private static final Object UNREADABLE = new Object();

    private final Flavor flavor;
    private final String text;
    /** A Pep440Version or a CondaVersion, as {@link #flavor} says. */
    private final Object own;
    private volatile Object other;

    private InstalledVersion(Flavor flavor, String text, Object own) {
        this.flavor = flavor;
        this.text = text;
        this.own = own;
    }

    /** Parses {@code text} in {@code flavor}; throws {@link InvalidVersionException} naming it. */
    public static InstalledVersion parse(Flavor flavor, String text) {
        return switch (flavor) {
            case PEP440 -> new InstalledVersion(flavor, text, Pep440Version.parse(text));
            case CONDA -> new InstalledVersion(flavor, text, CondaVersion.parse(text));
        };
    }

    public Flavor flavor() {
        return flavor;
    }

    /** The version as the record wrote it. */
    public String text() {
        return text;
    }

    /** The PEP 440 reading: the version itself for a pip record, or null when a conda version is not PEP 440. */
    public Pep440Version pep440() {
        return flavor == Flavor.PEP440 ? (Pep440Version) own : (Pep440Version) otherReading();
    }

    /** The conda reading: the version itself for a conda record, or null when it does not parse as conda. */
    public CondaVersion conda() {
        return flavor == Flavor.CONDA ? (CondaVersion) own : (CondaVersion) otherReading();
    }

    private Object otherReading() {
        Object reading = other;
        if (reading == null) {
            try {
                reading = flavor == Flavor.PEP440 ? CondaVersion.parse(text) : Pep440Version.parse(text);
            } catch (InvalidVersionException notInThatFlavor) {
                reading = UNREADABLE;
            }
            other = reading;
        }
        return reading == UNREADABLE ? null : reading;
    }

    @Override
    public int compareTo(InstalledVersion other) {
        if (flavor != other.flavor) {
            throw new IllegalArgumentException("cannot order the " + flavor + " version " + text + " against the "
                    + other.flavor + " version " + other.text);
        }
        return flavor == Flavor.PEP440
                ? ((Pep440Version) own).compareTo((Pep440Version) other.own)
                : ((CondaVersion) own).compareTo((CondaVersion) other.own);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstalledVersion other && flavor == other.flavor && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * flavor.hashCode() + own.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
