package io.envaudit.engine.conda;

import io.envaudit.engine.version.InvalidSpecException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A conda version spec, as conda's {@code VersionSpec} reads it: {@code 1.7.1}, {@code 1.7.*},
 * {@code =1.7}, {@code >=1.5,<2}, {@code 1.6.*|>1.7,<1.8}, {@code ~=1.10}, {@code ^1\.7\.[0-9]+$}.
 *
 * <p>{@code ,} (and) binds tighter than {@code |} (or); parentheses group. The tree is built once by
 * {@link #parse}; {@link #matches} only compares precomputed version keys.
 *
 * <p>{@link #toString()} is conda's {@code VersionSpec.spec} string. Like conda, it joins the
 * children of a group with {@code ,} or {@code |} without the parentheses that grouped them, so
 * {@code (1.2|1.3),<2} prints as {@code 1.2|1.3,<2}: use the tree, not that string, to re-read a spec.
 */
public sealed interface CondaVersionSpec
        permits CondaVersionSpec.AnyVersion, CondaVersionSpec.AllOf, CondaVersionSpec.AnyOf,
        CondaVersionSpec.Comparison, CondaVersionSpec.Regex, CondaVersionSpec.ExactText {

    /** The kind named in {@link InvalidSpecException} messages. */
    String KIND = "conda version spec";

    /**
     * Parses a conda version spec.
     *
     * @throws InvalidSpecException (kind "conda version spec") naming the input and what is wrong
     */
    static CondaVersionSpec parse(String spec) {
        return CondaVersionSpecParser.parse(spec);
    }

    /** Whether {@code version} satisfies this spec. */
    boolean matches(CondaVersion version);

    /** The relational and prefix operators of a conda version spec. */
    enum Operator {
        /** {@code ==1.7}, or a bare {@code 1.7}: equal under conda's ordering ({@code 1.7 == 1.7.0}). */
        EQUAL("=="),
        NOT_EQUAL("!="),
        LESS("<"),
        LESS_EQUAL("<="),
        GREATER(">"),
        GREATER_EQUAL(">="),
        /** {@code =1.7}, {@code 1.7.*}, {@code 1.7*}, {@code =1.7.*}: {@link CondaVersion#startsWith}. */
        STARTS_WITH("="),
        /** {@code !=1.7.*}: not {@link CondaVersion#startsWith}. */
        NOT_STARTS_WITH("!="),
        /** {@code ~=1.4.5}: at least 1.4.5 and starting with 1.4. */
        COMPATIBLE("~=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a spec ({@code =} for starts-with, {@code !=} for not-starts-with). */
        public String symbol() {
            return symbol;
        }

        boolean test(CondaVersion candidate, CondaVersion operand) {
            switch (this) {
                case EQUAL:
                    return candidate.compareTo(operand) == 0;
                case NOT_EQUAL:
                    return candidate.compareTo(operand) != 0;
                case LESS:
                    return candidate.compareTo(operand) < 0;
                case LESS_EQUAL:
                    return candidate.compareTo(operand) <= 0;
                case GREATER:
                    return candidate.compareTo(operand) > 0;
                case GREATER_EQUAL:
                    return candidate.compareTo(operand) >= 0;
                case STARTS_WITH:
                    return candidate.startsWith(operand);
                case NOT_STARTS_WITH:
                    return !candidate.startsWith(operand);
                case COMPATIBLE:
                    return candidate.compareTo(operand) >= 0 && candidate.startsWith(operand.compatibleReleasePrefix());
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /** {@code *}: every version. */
    record AnyVersion() implements CondaVersionSpec {
        @Override
        public boolean matches(CondaVersion version) {
            return true;
        }

        @Override
        public String toString() {
            return "*";
        }
    }

    /** {@code a,b,...}: every child matches. */
    record AllOf(List<CondaVersionSpec> specs) implements CondaVersionSpec {
        public AllOf {
            specs = List.copyOf(specs);
        }

        @Override
        public boolean matches(CondaVersion version) {
            for (CondaVersionSpec spec : specs) {
                if (!spec.matches(version)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return join(specs, ",");
        }
    }

    /** {@code a|b|...}: some child matches. */
    record AnyOf(List<CondaVersionSpec> specs) implements CondaVersionSpec {
        public AnyOf {
            specs = List.copyOf(specs);
        }

        @Override
        public boolean matches(CondaVersion version) {
            for (CondaVersionSpec spec : specs) {
                if (spec.matches(version)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return join(specs, "|");
        }
    }

    /**
     * An operator applied to one version.
     *
     * @param op the operator
     * @param operand the version text the operator applies to, as written (without the operator and
     *     without a {@code .*} suffix conda strips), for evaluators that re-read it in another grammar
     * @param version {@code operand} parsed as a conda version
     * @param spec this leaf's spec text as conda prints it ({@code 1.7*} prints as {@code 1.7.*})
     */
    record Comparison(Operator op, String operand, CondaVersion version, String spec) implements CondaVersionSpec {
        public Comparison {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(spec, "spec");
            if (op == Operator.COMPATIBLE) {
                // Computed now so that a spec that can never be evaluated fails here, not on every match.
                version.compatibleReleasePrefix();
            }
        }

        @Override
        public boolean matches(CondaVersion candidate) {
            return op.test(candidate, version);
        }

        @Override
        public String toString() {
            return spec;
        }
    }

    /**
     * A regular expression ({@code ^...$}) or a glob with an inner {@code *} ({@code 1.*.1}), matched
     * from the start of the version string as it was written, as conda's {@code re.match} does.
     *
     * @param pattern the compiled expression
     * @param spec the spec text as written
     */
    record Regex(Pattern pattern, String spec) implements CondaVersionSpec {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(spec, "spec");
        }

        @Override
        public boolean matches(CondaVersion version) {
            return matchesText(version.original());
        }

        /** Matches the raw version text; conda never parses the version for a regex spec. */
        public boolean matchesText(String versionText) {
            return PythonRegex.matchesFromStart(pattern, versionText, KIND, spec);
        }

        @Override
        public String toString() {
            return spec;
        }
    }

    /**
     * A spec containing {@code @}: conda compares it with the version string character for character.
     * No parsed conda version contains {@code @}, so it matches only raw text.
     */
    record ExactText(String text) implements CondaVersionSpec {
        public ExactText {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean matches(CondaVersion version) {
            return text.equals(version.original());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static String join(List<CondaVersionSpec> specs, String separator) {
        StringBuilder out = new StringBuilder();
        for (CondaVersionSpec spec : specs) {
            if (out.length() > 0) {
                out.append(separator);
            }
            out.append(spec);
        }
        return out.toString();
    }
}
