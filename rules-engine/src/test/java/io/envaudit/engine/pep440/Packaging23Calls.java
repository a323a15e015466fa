package io.envaudit.engine.pep440;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of {@code packaging} 23.0's specifier API that envaudit has no use for, rebuilt here from
 * 23.0's documented rules so that the reference vectors asking them can be answered: a pre-release
 * setting given to the constructor (or the {@code .prereleases} setter), {@code SpecifierSet.contains(...,
 * installed=True)} and {@code filter()}. Whether a version matches is always asked of envaudit's own
 * {@code contains(version, prereleases)}; only the bookkeeping around it lives here.
 */
final class Packaging23Calls {
    private Packaging23Calls() {
    }

    /**
     * {@code Specifier.prereleases}: the constructor's value when given, else whether the specifier names a
     * pre-release with an inclusive operator ({@code ==}, {@code >=}, {@code <=}, {@code ~=}, {@code ===}).
     */
    static boolean prereleases(Pep440Specifier specifier, Boolean constructed) {
        return constructed != null ? constructed : specifier.allowsPrereleasesByDefault();
    }

    /**
     * {@code SpecifierSet.prereleases}: the constructor's value when given, else None for an empty set,
     * else whether any member allows pre-releases.
     */
    static Boolean prereleases(Pep440SpecifierSet set, Boolean constructed) {
        if (constructed != null) {
            return constructed;
        }
        if (set.isEmpty()) {
            return null;
        }
        return set.specifiers().stream().anyMatch(Pep440Specifier::allowsPrereleasesByDefault);
    }

    /**
     * {@code SpecifierSet.contains(version, prereleases, installed)}: after the pre-release check, an
     * installed pre-release is matched by its base version ({@code 2.0rc1} as {@code 2.0}).
     */
    static boolean contains(Pep440SpecifierSet set, Boolean constructed, Pep440Version version, Boolean prereleases,
                            Boolean installed) {
        Boolean allowed = prereleases != null ? prereleases : prereleases(set, constructed);
        if (!Boolean.TRUE.equals(allowed) && version.isPrerelease()) {
            return false;
        }
        Pep440Version asked = Boolean.TRUE.equals(installed) && version.isPrerelease()
                ? Pep440Version.parse(version.baseVersionString()) : version;
        return set.contains(asked, allowed);
    }

    /**
     * {@code Specifier.filter(items, prereleases)}: matches are asked with pre-releases allowed unless the
     * call forbids them; a matching pre-release the call and the specifier do not allow is held back and
     * returned only when nothing else matched (PEP 440 excludes pre-releases unless "the only available
     * version that satisfies the version specifier is a pre-release").
     */
    static List<String> filter(Pep440Specifier specifier, Boolean constructed, List<String> items, Boolean prereleases) {
        boolean ask = prereleases == null || prereleases;
        boolean allowed = Boolean.TRUE.equals(prereleases) || prereleases(specifier, constructed);
        List<String> matched = new ArrayList<>();
        List<String> heldBack = new ArrayList<>();
        for (String item : items) {
            Pep440Version version = Pep440Version.parse(item);
            if (specifier.contains(version, ask)) {
                (version.isPrerelease() && !allowed ? heldBack : matched).add(item);
            }
        }
        return matched.isEmpty() ? heldBack : matched;
    }

    /**
     * {@code SpecifierSet.filter(items, prereleases)}: with members, each member filters in turn with the
     * set's setting made a plain boolean; an empty set keeps final releases, and falls back to the
     * pre-releases seen before the first final one only when the setting is None.
     */
    static List<String> filter(Pep440SpecifierSet set, Boolean constructed, List<String> items, Boolean prereleases) {
        Boolean allowed = prereleases != null ? prereleases : prereleases(set, constructed);
        if (!set.isEmpty()) {
            List<String> kept = items;
            for (Pep440Specifier specifier : set.specifiers()) {
                kept = filter(specifier, null, kept, Boolean.TRUE.equals(allowed));
            }
            return kept;
        }
        List<String> finals = new ArrayList<>();
        List<String> heldBack = new ArrayList<>();
        for (String item : items) {
            if (Pep440Version.parse(item).isPrerelease() && !Boolean.TRUE.equals(allowed)) {
                if (finals.isEmpty()) {
                    heldBack.add(item);
                }
            } else {
                finals.add(item);
            }
        }
        return finals.isEmpty() && !heldBack.isEmpty() && allowed == null ? heldBack : finals;
    }
}
