package io.envaudit.engine.spec;

import io.envaudit.engine.pep440.Pep440SpecifierSet;
import io.envaudit.engine.version.Flavor;

/** A PEP 440 specifier set as a {@link VersionSpec}. */
final class Pep440Spec implements VersionSpec {
    private final Pep440SpecifierSet specifiers;

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
        return specifiers.contains(version.pep440());
    }

    @Override
    public String toString() {
        return specifiers.toString();
    }
}
