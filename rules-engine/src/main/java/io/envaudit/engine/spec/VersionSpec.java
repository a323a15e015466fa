package io.envaudit.engine.spec;

import io.envaudit.engine.version.Flavor;

/**
 * A version constraint in an explicit grammar: a PEP 440 specifier set ({@code >=2.6,<2.9}) or a conda
 * version spec ({@code >=1.20,<2|1.19.*}). Nothing guesses the grammar: rules and requirements are
 * PEP 440/508 unless marked conda. The spec's own rules apply as written (a PEP 440 {@code <2.11}
 * excludes pre-releases of 2.11 on any record); the ordering is the installed record's own (conda
 * records by conda's VersionOrder, pip records by PEP 440).
 */
public interface VersionSpec {

    /** Parses {@code text} in {@code grammar}; throws {@link io.envaudit.engine.version.InvalidSpecException} naming it. */
    static VersionSpec parse(Flavor grammar, String text) {
        return switch (grammar) {
            case PEP440 -> Pep440Spec.parse(text);
            case CONDA -> CondaSpec.parse(text);
        };
    }

    /** A conda version spec already parsed (the version part of a MatchSpec). */
    static VersionSpec of(io.envaudit.engine.conda.CondaVersionSpec spec) {
        return new CondaSpec(spec);
    }

    Flavor grammar();

    /**
     * Whether the installed version satisfies this spec.
     *
     * @throws io.envaudit.engine.version.InvalidSpecException when the spec cannot be decided on a record of
     *     the other flavor (a conda operand such as {@code 1.0.2k} that PEP 440 cannot order)
     */
    boolean matches(InstalledVersion version);
}
