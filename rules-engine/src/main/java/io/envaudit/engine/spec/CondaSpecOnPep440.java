package io.envaudit.engine.spec;

import io.envaudit.engine.conda.CondaVersionSpec;
import io.envaudit.engine.pep440.Pep440Specifier;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.version.InvalidSpecException;

import java.util.List;

/**
 * A conda version spec applied to a pip record: conda's operators as conda defines them (a plain
 * {@code <}, a prefix {@code 1.7.*}, {@code ~=}), with the ordering of PEP 440 on the record's version.
 * Built once from the spec's tree: each operand is read as a PEP 440 version up front; one that is not
 * PEP 440 (openssl's {@code 1.0.2k}) leaves that leaf undecidable, which matching reports as an error.
 */
interface CondaSpecOnPep440 {

    boolean matches(Pep440Version candidate, String text);

    static CondaSpecOnPep440 of(CondaVersionSpec spec) {
        if (spec instanceof CondaVersionSpec.AnyVersion) {
            return new Always();
        }
        if (spec instanceof CondaVersionSpec.AllOf all) {
            return new All(all.specs().stream().map(CondaSpecOnPep440::of).toList());
        }
        if (spec instanceof CondaVersionSpec.AnyOf any) {
            return new Any(any.specs().stream().map(CondaSpecOnPep440::of).toList());
        }
        if (spec instanceof CondaVersionSpec.Regex regex) {
            return (candidate, text) -> regex.matchesText(text);
        }
        if (spec instanceof CondaVersionSpec.ExactText exact) {
            return (candidate, text) -> exact.text().equals(text);
        }
        return Leaf.of((CondaVersionSpec.Comparison) spec);
    }

    record Always() implements CondaSpecOnPep440 {
        @Override
        public boolean matches(Pep440Version candidate, String text) {
            return true;
        }
    }

    record All(List<CondaSpecOnPep440> specs) implements CondaSpecOnPep440 {
        @Override
        public boolean matches(Pep440Version candidate, String text) {
            for (CondaSpecOnPep440 spec : specs) {
                if (!spec.matches(candidate, text)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<CondaSpecOnPep440> specs) implements CondaSpecOnPep440 {
        @Override
        public boolean matches(Pep440Version candidate, String text) {
            for (CondaSpecOnPep440 spec : specs) {
                if (spec.matches(candidate, text)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A conda comparison whose operand reads as PEP 440 (or, when it does not, an error at match time). */
    record Leaf(CondaVersionSpec.Comparison comparison, Pep440Version operand, Pep440Specifier prefix)
            implements CondaSpecOnPep440 {

        static CondaSpecOnPep440 of(CondaVersionSpec.Comparison comparison) {
            Pep440Version operand = Pep440Version.tryParse(comparison.operand());
            Pep440Specifier prefix = switch (comparison.op()) {
                // conda's prefix match is PEP 440's zero-padded release prefix ...
                case STARTS_WITH, NOT_STARTS_WITH -> asSpecifier("==" + comparison.operand() + ".*");
                // ... and its ~= is ">= the operand, and starting with the operand less its last part"
                case COMPATIBLE -> asSpecifier("==" + comparison.version().compatibleReleasePrefix() + ".*");
                default -> null;
            };
            return new Leaf(comparison, operand, prefix);
        }

        private static Pep440Specifier asSpecifier(String text) {
            try {
                return Pep440Specifier.parse(text);
            } catch (InvalidSpecException e) {
                return null;
            }
        }

        @Override
        public boolean matches(Pep440Version candidate, String text) {
            boolean needsPrefix = switch (comparison.op()) {
                case STARTS_WITH, NOT_STARTS_WITH, COMPATIBLE -> true;
                default -> false;
            };
            if (operand == null) {
                throw new InvalidSpecException(CondaVersionSpec.KIND, comparison.spec(),
                        "'" + comparison.operand() + "' is not a PEP 440 version, so it cannot be compared with the pip-installed version " + text);
            }
            if (needsPrefix && prefix == null) {
                throw new InvalidSpecException(CondaVersionSpec.KIND, comparison.spec(),
                        "'" + comparison.operand() + "' is not a release (numbers and dots), so it cannot be a prefix of the pip-installed version " + text);
            }
            return switch (comparison.op()) {
                case EQUAL -> candidate.compareTo(operand) == 0;
                case NOT_EQUAL -> candidate.compareTo(operand) != 0;
                case LESS -> candidate.compareTo(operand) < 0;
                case LESS_EQUAL -> candidate.compareTo(operand) <= 0;
                case GREATER -> candidate.compareTo(operand) > 0;
                case GREATER_EQUAL -> candidate.compareTo(operand) >= 0;
                case STARTS_WITH -> prefix.contains(candidate);
                case COMPATIBLE -> candidate.compareTo(operand) >= 0 && prefix.contains(candidate);
                case NOT_STARTS_WITH -> !prefix.contains(candidate);
            };
        }
    }
}
