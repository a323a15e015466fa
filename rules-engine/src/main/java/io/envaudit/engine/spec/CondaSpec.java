package io.envaudit.engine.spec;

import io.envaudit.engine.conda.CondaVersionSpec;
import io.envaudit.engine.version.Flavor;

/**
 * A conda version spec as a {@link VersionSpec}. On conda records it is exactly
 * {@link CondaVersionSpec#matches}; on pip records it runs as {@link CondaSpecOnPep440}, built on first use.
 */
final class CondaSpec implements VersionSpec {
    private final CondaVersionSpec spec;
    private volatile CondaSpecOnPep440 onPep440;

    CondaSpec(CondaVersionSpec spec) {
        this.spec = spec;
    }

    static CondaSpec parse(String text) {
        return new CondaSpec(CondaVersionSpec.parse(text));
    }

    @Override
    public Flavor grammar() {
        return Flavor.CONDA;
    }

    @Override
    public boolean matches(InstalledVersion version) {
        if (version.flavor() == Flavor.CONDA) {
            return spec.matches(version.conda());
        }
        CondaSpecOnPep440 compiled = onPep440;
        if (compiled == null) {
            compiled = CondaSpecOnPep440.of(spec);
            onPep440 = compiled;
        }
        return compiled.matches(version.pep440(), version.text());
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
