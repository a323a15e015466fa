package io.envaudit.engine.spec;

import io.envaudit.engine.pep440.Pep440Specifier;
import io.envaudit.engine.pep440.Pep440SpecifierSet;
import io.envaudit.engine.version.Flavor;

import java.util.List;

/**
 * A PEP 440 specifier set as a {@link VersionSpec}. On pip records it is exactly
 * {@link Pep440SpecifierSet#contains}; on conda records each clause is applied by
 * {@link Pep440ClauseOnConda}, built on first use.
 */
final class Pep440Spec implements VersionSpec {
    private final Pep440SpecifierSet specifiers;
    private volatile List<Pep440ClauseOnConda> onConda;

    private Pep440Spec(Pep440SpecifierSet specifiers) {
        this.specifiers = specifiers;
    }

    static Pep440Spec parse(String text) {
        return new Pep440Spec(Pep440SpecifierSet.parse(text));
    }

    @Override
    public Flavor grammar() {
        return Flavor.PEP440;
    }

    @Override
    public boolean matches(InstalledVersion version) {
        if (version.flavor() == Flavor.PEP440) {
            return specifiers.contains(version.pep440());
        }
        for (Pep440ClauseOnConda clause : clausesOnConda()) {
            if (!clause.matches(version)) {
                return false;
            }
        }
        return true;
    }

    private List<Pep440ClauseOnConda> clausesOnConda() {
        List<Pep440ClauseOnConda> clauses = onConda;
        if (clauses == null) {
            clauses = specifiers.specifiers().stream().map(Pep440ClauseOnConda::new).toList();
            onConda = clauses;
        }
        return clauses;
    }

    public List<Pep440Specifier> specifiers() {
        return specifiers.specifiers();
    }

    @Override
    public String toString() {
        return specifiers.toString();
    }
}
