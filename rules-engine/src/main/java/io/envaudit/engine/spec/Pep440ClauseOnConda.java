package io.envaudit.engine.spec;

import io.envaudit.engine.conda.CondaVersion;
import io.envaudit.engine.pep440.Pep440Operator;
import io.envaudit.engine.pep440.Pep440Specifier;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;


/**
 * One PEP 440 specifier applied to a conda record: the operator's PEP 440 rules, with every ordering
 * question answered by conda's VersionOrder on the record's version. PEP 440's rules about pre-, post-
 * and local releases of the named version need to know what those are for the record; where the
 * record's version also reads as PEP 440 they apply, otherwise only the ordering does. Two readings
 * meet here, so there are seams: {@code >1.0} excludes a conda {@code 1.0-1} (PEP 440 reads it as a
 * post release of 1.0) though conda orders it as {@code 1.0.1}; and {@code ===} compares the record's
 * text as written, where on pip records it compares the normalized version, as {@code packaging} does.
 */
final class Pep440ClauseOnConda {
    private final Pep440Specifier specifier;
    private final CondaVersion operand;
    /** For {@code ~=V.N}: V, the release prefix the record must start with. */
    private final CondaVersion compatiblePrefix;

    Pep440ClauseOnConda(Pep440Specifier specifier) {
        this.specifier = specifier;
        Pep440Version version = specifier.version();
        this.operand = version == null ? null : readAsConda(specifier, version.toString());
        // the prefix packaging finds for ~= (its suffix rules included), so pip and conda records agree
        this.compatiblePrefix = specifier.operator() == Pep440Operator.COMPATIBLE
                ? readAsConda(specifier, specifier.compatiblePrefixText()) : null;
    }

    boolean matches(InstalledVersion record) {
        CondaVersion candidate = record.conda();
        Pep440Version candidateAsPep440 = record.pep440();
        return switch (specifier.operator()) {
            case ARBITRARY -> specifier.matchesArbitrary(record.text());
            case EQUAL -> equal(candidate);
            case NOT_EQUAL -> !equal(candidate);
            case LESS_EQUAL -> publicPart(candidate).compareTo(operand) <= 0;
            case GREATER_EQUAL -> publicPart(candidate).compareTo(operand) >= 0;
            case LESS -> candidate.compareTo(operand) < 0
                    && !(candidateAsPep440 != null && !specifier.version().isPrerelease()
                         && candidateAsPep440.isPrerelease() && sameBase(candidateAsPep440));
            case GREATER -> candidate.compareTo(operand) > 0
                    && !(candidateAsPep440 != null && !specifier.version().isPostrelease()
                         && candidateAsPep440.isPostrelease() && sameBase(candidateAsPep440))
                    && !(candidate.hasLocal() && candidateAsPep440 != null && sameBase(candidateAsPep440));
            case COMPATIBLE -> publicPart(candidate).compareTo(operand) >= 0 && candidate.startsWith(compatiblePrefix);
        };
    }

    private boolean equal(CondaVersion candidate) {
        if (specifier.isWildcard()) {
            return candidate.startsWith(operand);
        }
        return (specifier.version().hasLocal() ? candidate : publicPart(candidate)).compareTo(operand) == 0;
    }

    private boolean sameBase(Pep440Version candidate) {
        return candidate.baseVersion().equals(specifier.version().baseVersion());
    }

    /** PEP 440 ignores the candidate's local label unless the specifier names one. */
    private static CondaVersion publicPart(CondaVersion candidate) {
        if (!candidate.hasLocal()) {
            return candidate;
        }
        String original = candidate.original();
        return CondaVersion.parse(original.substring(0, original.indexOf('+')));
    }

    private static CondaVersion readAsConda(Pep440Specifier specifier, String text) {
        try {
            return CondaVersion.parse(text);
        } catch (InvalidVersionException e) {
            throw new InvalidSpecException("PEP 440 specifier", specifier.toString(),
                    "its version cannot be ordered against conda records: " + e.getMessage());
        }
    }
}
