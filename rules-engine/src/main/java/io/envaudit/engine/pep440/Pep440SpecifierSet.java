package io.envaudit.engine.pep440;

import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.PythonWhitespace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A comma-separated set of PEP 440 specifiers ({@code >=2.6,<2.9}), all of which must hold. Empty
 * items are skipped and the empty set matches every version, as in {@code packaging.specifiers.SpecifierSet}.
 */
public final class Pep440SpecifierSet {
    private static final Pep440Specifier[] NONE = new Pep440Specifier[0];

    private final Pep440Specifier[] specifiers;

    private Pep440SpecifierSet(Pep440Specifier[] specifiers) {
        this.specifiers = specifiers;
    }

    public static Pep440SpecifierSet parse(String text) {
        if (text == null) {
            throw new InvalidSpecException("PEP 440 specifier set", null, "no specifier given");
        }
        // packaging keeps a set: of two equal specifiers (same canonical key) the first one stays.
        // Most sets have one clause, which needs no key at all.
        List<Pep440Specifier> kept = new ArrayList<>(2);
        Set<String> keys = null;
        for (String item : text.split(",", -1)) {
            String clause = PythonWhitespace.strip(item);
            if (clause.isEmpty()) {
                continue;
            }
            Pep440Specifier specifier = Pep440Specifier.parse(clause);
            if (kept.isEmpty()) {
                kept.add(specifier);
                continue;
            }
            if (keys == null) {
                keys = new HashSet<>();
                keys.add(kept.get(0).canonicalKey());
            }
            if (keys.add(specifier.canonicalKey())) {
                kept.add(specifier);
            }
        }
        return new Pep440SpecifierSet(kept.toArray(NONE));
    }

    public List<Pep440Specifier> specifiers() {
        return List.of(specifiers);
    }

    public boolean isEmpty() {
        return specifiers.length == 0;
    }

    /** Installed-version semantics ({@code contains(version, prereleases=True)}), as {@code pip check}. */
    public boolean contains(Pep440Version candidate) {
        for (Pep440Specifier specifier : specifiers) {
            if (!specifier.contains(candidate)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code SpecifierSet.contains(version, prereleases)}: with {@code prereleases} null, pre-releases are
     * allowed when any member allows them by default.
     */
    public boolean contains(Pep440Version candidate, Boolean prereleases) {
        boolean allowed = prereleases != null ? prereleases : allowsPrereleasesByDefault();
        if (candidate.isPrerelease() && !allowed) {
            return false;
        }
        for (Pep440Specifier specifier : specifiers) {
            if (!specifier.contains(candidate, allowed)) {
                return false;
            }
        }
        return true;
    }

    private boolean allowsPrereleasesByDefault() {
        for (Pep440Specifier specifier : specifiers) {
            if (specifier.allowsPrereleasesByDefault()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Equal when both hold the same specifiers, order and duplicates aside: {@code packaging} compares the
     * frozensets of members, each member by its {@link Pep440Specifier#equals canonical form}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Pep440SpecifierSet other && canonicalKeys().equals(other.canonicalKeys());
    }

    @Override
    public int hashCode() {
        return canonicalKeys().hashCode();
    }

    private Set<String> canonicalKeys() {
        Set<String> keys = new HashSet<>();
        for (Pep440Specifier specifier : specifiers) {
            keys.add(specifier.canonicalKey());
        }
        return keys;
    }

    /** As {@code str(SpecifierSet)}: the distinct members, sorted, joined by commas. */
    @Override
    public String toString() {
        TreeSet<String> members = new TreeSet<>();
        for (Pep440Specifier specifier : specifiers) {
            members.add(specifier.toString());
        }
        return String.join(",", members);
    }
}
