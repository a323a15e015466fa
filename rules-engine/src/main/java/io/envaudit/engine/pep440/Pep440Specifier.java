package io.envaudit.engine.pep440;

import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import io.envaudit.engine.version.PythonWhitespace;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One PEP 440 version specifier clause ({@code >=2.6}, {@code ==1.7.*}, {@code ~=2.2}), parsed once and
 * matched as {@code packaging.specifiers.Specifier} 23.0 matches. Each operator is one method below,
 * chosen through {@link #test}; the PEP's wording sits beside the rule it gives.
 */
public final class Pep440Specifier {
    static final String KIND = "PEP 440 specifier";

    private static final Pattern WILDCARD_BASE = Pattern.compile("v?(?:[0-9]++!)?[0-9]++(?:\\.[0-9]++)*+",
            Pattern.CASE_INSENSITIVE);

    private final Pep440Operator operator;
    /** The version text as written, white space stripped: what {@code str()} shows and {@code ===} compares. */
    private final String versionText;
    /** The operand; for {@code ==X.*} the prefix X; null for {@code ===}. */
    private final Pep440Version version;
    private final boolean wildcard;
    /** For {@code ~=}: the release prefix that must match (see {@link CompatiblePrefix}). */
    private final CompatiblePrefix compatiblePrefix;
    /** Made on first use; see {@link #canonicalKey}. */
    private String canonicalKey;

    private Pep440Specifier(Pep440Operator operator, String versionText, Pep440Version version, boolean wildcard,
                            CompatiblePrefix compatiblePrefix) {
        this.operator = operator;
        this.versionText = versionText;
        this.version = version;
        this.wildcard = wildcard;
        this.compatiblePrefix = compatiblePrefix;
    }

    public static Pep440Specifier parse(String text) {
        if (text == null) {
            throw new InvalidSpecException(KIND, null, "no specifier given");
        }
        String spec = PythonWhitespace.strip(text);
        Pep440Operator operator = Pep440Operator.prefixOf(spec);
        if (operator == null) {
            throw new InvalidSpecException(KIND, text, "expected an operator (~=, ==, !=, <=, >=, <, >, ===)");
        }
        String versionText = PythonWhitespace.strip(spec.substring(operator.symbol().length()));
        if (operator == Pep440Operator.ARBITRARY) {
            for (int i = 0; i < versionText.length(); i++) {
                char c = versionText.charAt(i);
                if (PythonWhitespace.isSpace(c) || c == ';' || c == ')') {
                    throw new InvalidSpecException(KIND, text, "'===' takes a version without spaces, ';' or ')'");
                }
            }
            return new Pep440Specifier(operator, versionText, null, false, null);
        }
        if (versionText.isEmpty()) {
            throw new InvalidSpecException(KIND, text, "no version after '" + operator.symbol() + "'");
        }
        boolean wildcard = versionText.endsWith(".*");
        if (wildcard) {
            if (operator != Pep440Operator.EQUAL && operator != Pep440Operator.NOT_EQUAL) {
                throw new InvalidSpecException(KIND, text, "a '.*' suffix is allowed only with == and !=");
            }
            String base = versionText.substring(0, versionText.length() - 2);
            if (!WILDCARD_BASE.matcher(base).matches()) {
                throw new InvalidSpecException(KIND, text, "'.*' may follow only an epoch and release, like ==1.7.*");
            }
            try {
                return new Pep440Specifier(operator, versionText, Pep440Version.parse(base), true, null);
            } catch (InvalidVersionException e) {
                throw new InvalidSpecException(KIND, text, e.getMessage());
            }
        }
        Pep440Version version;
        try {
            version = Pep440Version.parse(versionText);
        } catch (InvalidVersionException e) {
            throw new InvalidSpecException(KIND, text, e.getMessage());
        }
        if (version.hasLocal() && operator != Pep440Operator.EQUAL && operator != Pep440Operator.NOT_EQUAL) {
            throw new InvalidSpecException(KIND, text, "a local version label is allowed only with == and !=");
        }
        CompatiblePrefix prefix = null;
        if (operator == Pep440Operator.COMPATIBLE) {
            if (version.releaseLength() < 2) {
                throw new InvalidSpecException(KIND, text, "'~=' needs a release of at least two numbers, like ~=2.2");
            }
            prefix = CompatiblePrefix.of(versionText, version);
        }
        return new Pep440Specifier(operator, versionText, version, false, prefix);
    }

    public Pep440Operator operator() {
        return operator;
    }

    public String versionText() {
        return versionText;
    }

    /** The operand; for {@code ==X.*} the prefix X; null for {@code ===}. */
    public Pep440Version version() {
        return version;
    }

    public boolean isWildcard() {
        return wildcard;
    }

    /**
     * Installed-version semantics, as {@code pip check} asks: {@code contains(version, prereleases=True)}.
     * Pre-releases are accepted, yet the operators' own rules still apply ({@code <2.11} excludes {@code 2.11.0rc1}).
     */
    public boolean contains(Pep440Version candidate) {
        return test(candidate);
    }

    /**
     * {@code Specifier.contains(version, prereleases)}: with {@code prereleases} null the specifier's own
     * default applies (pre-releases only when it names one with ==, >=, <=, ~= or ===).
     */
    public boolean contains(Pep440Version candidate, Boolean prereleases) {
        boolean allowed = prereleases != null ? prereleases : allowsPrereleasesByDefault();
        if (candidate.isPrerelease() && !allowed) {
            return false;
        }
        return test(candidate);
    }

    boolean allowsPrereleasesByDefault() {
        return switch (operator) {
            case EQUAL, GREATER_EQUAL, LESS_EQUAL, COMPATIBLE -> !wildcard && version.isPrerelease();
            case ARBITRARY -> {
                Pep440Version named = Pep440Version.tryParse(versionText);
                yield named != null && named.isPrerelease();
            }
            default -> false;
        };
    }

    private boolean test(Pep440Version candidate) {
        return switch (operator) {
            case COMPATIBLE -> compatible(candidate);
            case EQUAL -> equal(candidate);
            case NOT_EQUAL -> !equal(candidate);
            case LESS_EQUAL -> candidate.comparePublic(version) <= 0;
            case GREATER_EQUAL -> candidate.comparePublic(version) >= 0;
            case LESS -> less(candidate);
            case GREATER -> greater(candidate);
            case ARBITRARY -> matchesArbitrary(candidate.toString());
        };
    }

    /**
     * "A compatible release clause consists of the compatible release operator ~= and a version
     * identifier. It matches any candidate version that is expected to be compatible with the
     * specified version": {@code ~=V.N} is {@code >=V.N, ==V.*}.
     */
    private boolean compatible(Pep440Version candidate) {
        return candidate.comparePublic(version) >= 0 && compatiblePrefix.matches(candidate);
    }

    /**
     * "By default, the version matching operator is based on a strict equality comparison: the
     * specified version must be exactly the same as the requested version", with zero padding of the
     * release segment; a {@code .*} suffix makes it a prefix match that ignores the candidate's local
     * label; "if the specified version identifier is a public version identifier (no local version
     * label), then the local version label of any candidate versions MUST be ignored".
     */
    private boolean equal(Pep440Version candidate) {
        if (wildcard) {
            return ReleasePrefix.matches(candidate, version.epoch(), version);
        }
        return version.hasLocal() ? candidate.compareTo(version) == 0 : candidate.comparePublic(version) == 0;
    }

    /**
     * "The exclusive ordered comparison &lt;V MUST NOT allow a pre-release of the specified version
     * unless the specified version is itself a pre-release."
     */
    private boolean less(Pep440Version candidate) {
        if (candidate.compareTo(version) >= 0) {
            return false;
        }
        return version.isPrerelease() || !candidate.isPrerelease() || !candidate.sameBaseVersion(version);
    }

    /**
     * "The exclusive ordered comparison &gt;V MUST NOT allow a post-release of the given version unless V
     * itself is a post release", nor a local version of it.
     */
    private boolean greater(Pep440Version candidate) {
        if (candidate.compareTo(version) <= 0) {
            return false;
        }
        if (!version.isPostrelease() && candidate.isPostrelease() && candidate.sameBaseVersion(version)) {
            return false;
        }
        return !candidate.hasLocal() || !candidate.sameBaseVersion(version);
    }

    /**
     * Two specifiers with equal keys are one in a set and are {@link #equals equal}: the operator and the
     * normalized version (trailing zeros dropped except for {@code ~=}, whose length matters), as
     * {@code packaging} 23.0 compares them ({@code Specifier._canonical_spec}).
     *
     * <p>{@code ===} is keyed by its text as written: {@code ===1.0} and {@code ===1.0.0} accept different
     * strings, so a set keeps both, and {@code ===FOO} and {@code ===foo} stay two. This follows the fix of
     * {@code packaging} 26.0 (PR #951, "Adjust arbitrary equality intersection preservation"); 23.0
     * canonicalized them alike and a set kept only one of the two.
     */
    String canonicalKey() {
        String key = canonicalKey;
        if (key == null) {
            key = operator.symbol() + canonicalVersion();
            canonicalKey = key;
        }
        return key;
    }

    private String canonicalVersion() {
        if (operator == Pep440Operator.ARBITRARY || wildcard) {
            // === is not a version; nor is X.*, which canonicalize_version leaves as written
            return versionText;
        }
        return version.canonicalString(operator != Pep440Operator.COMPATIBLE);
    }

    /**
     * {@code ===}: "arbitrary equality ... a simple string equality operation", which {@code packaging}
     * makes case-insensitive ({@code str(prospective).lower() == spec.lower()}).
     */
    public boolean matchesArbitrary(String candidateText) {
        return candidateText.toLowerCase(Locale.ROOT).equals(versionText.toLowerCase(Locale.ROOT));
    }

    /**
     * For {@code ~=}: the release prefix a candidate must start with, as {@code packaging} finds it from
     * the text ({@code ~=2.2.post3} gives {@code 2}, {@code ~=2.2.pre1} gives {@code 2.2}); null for
     * other operators.
     */
    public String compatiblePrefixText() {
        return compatiblePrefix == null ? null : compatiblePrefix.text();
    }

    /**
     * Equal when the {@link #canonicalKey canonical keys} are: {@code ==1.2.3} equals {@code == 1.2.3.0},
     * not {@code ~=1.2.3}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Pep440Specifier other && canonicalKey().equals(other.canonicalKey());
    }

    @Override
    public int hashCode() {
        return canonicalKey().hashCode();
    }

    /** As {@code str(Specifier)}: the operator then the version text as written. */
    @Override
    public String toString() {
        return operator.symbol() + versionText;
    }
}
