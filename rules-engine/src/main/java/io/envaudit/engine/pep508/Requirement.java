package io.envaudit.engine.pep508;

import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep440.Pep440SpecifierSet;
import io.envaudit.engine.version.InvalidSpecException;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PEP 508 dependency specifier, as found in {@code Requires-Dist}: name, extras, either a version
 * specifier set or a URL, and an optional marker ({@code tensorflow[and-cuda]>=2.10; python_version < "3.11"}).
 */
public final class Requirement {
    static final String KIND = "PEP 508 requirement";

    private final String name;
    private final Set<String> extras;
    private final Pep440SpecifierSet specifier;
    private final String url;
    private final Marker marker;

    Requirement(String name, Set<String> extras, Pep440SpecifierSet specifier, String url, Marker marker) {
        this.name = name;
        this.extras = Set.copyOf(extras);
        this.specifier = specifier;
        this.url = url;
        this.marker = marker;
    }

    public static Requirement parse(String text) {
        if (text == null) {
            throw new InvalidSpecException(KIND, null, "no requirement given");
        }
        return Pep508Parser.requirement(text);
    }

    /** The name as written. */
    public String name() {
        return name;
    }

    /** The PEP 503 normalized name, the one to look packages up by. */
    public String normalizedName() {
        return PackageName.normalize(name);
    }

    public Set<String> extras() {
        return extras;
    }

    public Pep440SpecifierSet specifier() {
        return specifier;
    }

    /** The direct reference after {@code @}, or null. */
    public String url() {
        return url;
    }

    /** The marker after {@code ;}, or null when the requirement always applies. */
    public Marker marker() {
        return marker;
    }

    /** Whether the requirement applies in this environment; with no marker it always does. */
    public Truth appliesTo(MarkerEnvironment environment) {
        return marker == null ? Truth.TRUE : marker.evaluate(environment);
    }

    /**
     * Equal as {@code packaging} 23.0 compares requirements: the name as written (so {@code Foo_Bar} is
     * not {@code foo-bar}; 23.2 compares canonical names, which envaudit does not follow), the extras as
     * written, the specifier sets, the URL and the markers.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement other && name.equals(other.name) && extras.equals(other.extras)
                && specifier.equals(other.specifier) && Objects.equals(url, other.url)
                && Objects.equals(marker, other.marker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, extras, specifier, url, marker);
    }

    /** As {@code str(Requirement)}: {@code name[extras]specifier@ url ; marker} with packaging's spacing. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        if (!extras.isEmpty()) {
            out.append('[').append(String.join(",", new TreeSet<>(extras))).append(']');
        }
        if (!specifier.isEmpty()) {
            out.append(specifier);
        }
        if (url != null) {
            out.append("@ ").append(url);
            if (marker != null) {
                out.append(' ');
            }
        }
        if (marker != null) {
            out.append("; ").append(marker);
        }
        return out.toString();
    }
}
