package io.envaudit.engine.spec;

import io.envaudit.engine.conda.CondaVersion;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidVersionException;

/**
 * The version of an installed record, parsed in the record's own flavor: a pip record by PEP 440, a
 * conda record by conda's VersionOrder. That flavor decides the ordering whatever grammar a spec is
 * written in. The other flavor's reading is made only when a spec of the other grammar asks for it.
 */
public final class InstalledVersion implements Comparable<InstalledVersion> {
    private final Flavor flavor;
    private final String text;
    private Pep440Version pep440;
    private CondaVersion conda;
    /** Written after the fields it guards, so a thread that reads it true also sees them. */
    private volatile boolean otherFlavorTried;

    private InstalledVersion(Flavor flavor, String text, Pep440Version pep440, CondaVersion conda) {
        this.flavor = flavor;
        this.text = text;
        this.pep440 = pep440;
        this.conda = conda;
    }

    /** Parses {@code text} in {@code flavor}; throws {@link InvalidVersionException} naming it. */
    public static InstalledVersion parse(Flavor flavor, String text) {
        return switch (flavor) {
            case PEP440 -> new InstalledVersion(flavor, text, Pep440Version.parse(text), null);
            case CONDA -> new InstalledVersion(flavor, text, null, CondaVersion.parse(text));
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
    Pep440Version pep440() {
        readOtherFlavor();
        return pep440;
    }

    /** The conda reading: the version itself for a conda record, or null when it does not parse as conda. */
    CondaVersion conda() {
        readOtherFlavor();
        return conda;
    }

    private void readOtherFlavor() {
        if (otherFlavorTried) {
            return;
        }
        try {
            if (pep440 == null) {
                pep440 = Pep440Version.parse(text);
            } else if (conda == null) {
                conda = CondaVersion.parse(text);
            }
        } catch (InvalidVersionException notInThatFlavor) {
            // stays null: only rules that need this reading are affected
        }
        otherFlavorTried = true;
    }

    @Override
    public int compareTo(InstalledVersion other) {
        if (flavor != other.flavor) {
            throw new IllegalArgumentException("cannot order the " + flavor + " version " + text + " against the "
                    + other.flavor + " version " + other.text);
        }
        return flavor == Flavor.PEP440 ? pep440.compareTo(other.pep440) : conda.compareTo(other.conda);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstalledVersion other && flavor == other.flavor && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * flavor.hashCode() + (flavor == Flavor.PEP440 ? pep440.hashCode() : conda.hashCode());
    }

    @Override
    public String toString() {
        return text;
    }
}
