package io.envaudit.engine.rules;

import io.envaudit.engine.conda.MatchSpec;
import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep508.Marker;
import io.envaudit.engine.pep508.Requirement;
import io.envaudit.engine.spec.VersionSpec;
import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidSpecException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package and the versions a rule means, in an explicit grammar: PEP 508 ({@code protobuf<3.20},
 * {@code tensorflow>=2.10; python_version < "3.11"}), written with PyPI names, or conda
 * ({@code conda: keras[channel=anaconda]}), written as a MatchSpec with conda names. Virtual packages
 * ({@code __cuda>=12.3}, {@code __glibc>=2.28}, {@code __nvidia_driver>=525.60.13}) are conda specs
 * on the platform's facts, as conda's virtual packages are.
 *
 * @param name     the distribution name to look up: PEP 503 normalized for PEP 508 specs, the conda name
 *                 (lower case) for conda specs, the virtual name as written ({@code __cuda}) for virtual ones
 * @param grammar  which grammar the spec is written in
 * @param version  the version constraint, or null for any version
 * @param marker   a PEP 508 marker that must hold in the environment, or null
 * @param matchSpec for conda specs, the whole MatchSpec (channel, build), else null
 * @param text     the spec as written, for messages
 */
public record PackageSpec(String name, Flavor grammar, VersionSpec version, Marker marker, MatchSpec matchSpec,
                          String text) {

    private static final Pattern VIRTUAL = Pattern.compile("(__[a-z0-9_]+)\\s*(.*)");

    public boolean isVirtual() {
        return name.startsWith("__");
    }

    /** Reads a spec written in PEP 508 ({@code grammar} PEP440) or as a conda MatchSpec. */
    public static PackageSpec parse(String text, Flavor grammar) {
        String trimmed = text.strip();
        Matcher virtual = VIRTUAL.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (virtual.matches()) {
            String constraint = virtual.group(2).strip();
            VersionSpec version = constraint.isEmpty() ? null : VersionSpec.parse(Flavor.CONDA, constraint);
            return new PackageSpec(virtual.group(1), Flavor.CONDA, version, null, null, text);
        }
        if (grammar == Flavor.CONDA) {
            MatchSpec spec = MatchSpec.parse(trimmed);
            if (spec.name() == null || spec.name().contains("*")) {
                throw new InvalidSpecException("conda package spec", text, "name one package (no wildcard)");
            }
            VersionSpec version = spec.version() == null ? null : VersionSpec.of(spec.version());
            return new PackageSpec(spec.name().toLowerCase(Locale.ROOT), Flavor.CONDA, version, null, spec, text);
        }
        Requirement requirement = Requirement.parse(trimmed);
        if (requirement.url() != null) {
            throw new InvalidSpecException("package spec", text, "a rule names versions, not a URL");
        }
        if (!requirement.extras().isEmpty()) {
            throw new InvalidSpecException("package spec", text, "a rule names versions, not extras");
        }
        VersionSpec version = requirement.specifier().isEmpty()
                ? null : VersionSpec.parse(Flavor.PEP440, requirement.specifier().toString());
        return new PackageSpec(PackageName.normalize(requirement.name()), Flavor.PEP440, version, requirement.marker(), null, text);
    }

    @Override
    public String toString() {
        return grammar == Flavor.CONDA && !isVirtual() ? "conda: " + text : text;
    }
}
