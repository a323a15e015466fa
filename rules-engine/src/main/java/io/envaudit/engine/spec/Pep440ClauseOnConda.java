package io.envaudit.engine.spec;

import io.envaudit.engine.conda.CondaVersion;
import io.envaudit.engine.pep440.Pep440Operator;
import io.envaudit.engine.pep440.Pep440Specifier;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;

import java.util.Locale;

/**
 * One PEP 440 specifier applied to a conda record: the operator's PEP 440 rules, with every ordering
 * question answered by conda's VersionOrder on the record's version. PEP 440's rules about pre-, post-
 * and local releases of the named version need to know what those are for the record; where the
 * record's version also reads as PEP 440 they apply, otherwise only the ordering does.
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
        this.compatiblePrefix = specifier.operator() == Pep440Operator.COMPATIBLE ? readAsConda(specifier, prefixOf(version)) : null;
    }

    boolean matches(InstalledVersion record) {
        CondaVersion candidate = record.conda();
        Pep440Version candidateAsPep440 = record.pep440();
        return switch (specifier.operator()) {
            case ARBITRARY -> record.text().toLowerCase(Locale.ROOT).equals(specifier.versionText().toLowerCase(Locale.ROOT));
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

    private static String prefixOf(Pep440Version version) {
        long[] release = version.release();
        StringBuilder prefix = new StringBuilder();
        if (version.epoch() != 0) {
            prefix.append(version.epoch()).append('!');
        }
        for (int i = 0; i < release.length - 1; i++) {
            prefix.append(i > 0 ? "." : "").append(release[i]);
        }
        return prefix.toString();
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
