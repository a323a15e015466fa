package io.envaudit.engine.spec;

import io.envaudit.engine.version.Flavor;

/**
 * A version constraint in an explicit grammar (PEP 440 specifier set or conda version spec), applied to
 * an installed version with the ordering of that version's own flavor.
 */
public interface VersionSpec {

    /** Parses {@code text} in {@code grammar}; throws {@link io.envaudit.engine.version.InvalidSpecException} naming it. */
    static VersionSpec parse(Flavor grammar, String text) {
        return switch (grammar) {
            case PEP440 -> Pep440Spec.parse(text);
            case CONDA -> throw new UnsupportedOperationException("conda specs arrive with the conda engine");
        };
    }

    Flavor grammar();

    boolean matches(InstalledVersion version);
}
