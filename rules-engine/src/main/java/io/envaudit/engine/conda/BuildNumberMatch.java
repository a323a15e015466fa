package io.envaudit.engine.conda;

import io.envaudit.engine.version.PythonWhitespace;
import io.envaudit.engine.conda.CondaVersionSpec.Operator;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * conda's {@code BuildNumberMatch}: a build number spec such as {@code 7}, {@code >=3}, {@code *} or
 * {@code ^1.*$}. An integer (as Python's {@code int()} reads it) must be equal; an operator compares
 * the build numbers as conda versions; {@code *} matches all; anything else is compared as text with
 * the integer build number, which never matches, exactly as in conda.
 */
public final class BuildNumberMatch {
    private final String text;
    private final BigInteger exact;
    private final Operator op;
    private final CondaVersion operand;
    private final Pattern pattern;

    private BuildNumberMatch(String text, BigInteger exact, Operator op, CondaVersion operand, Pattern pattern) {
        this.text = text;
        this.exact = exact;
        this.op = op;
        this.operand = operand;
        this.pattern = pattern;
    }

    static BuildNumberMatch parse(String value, String input) {
        BigInteger integer = PythonInt.parse(value);
        if (integer != null) {
            return new BuildNumberMatch(integer.toString(), integer, null, null, null);
        }
        String spec = PythonWhitespace.strip(value);
        if (spec.equals("*")) {
            return new BuildNumberMatch(spec, null, null, null, null);
        }
        if (!spec.isEmpty() && "=<>!".indexOf(spec.charAt(0)) >= 0) {
            String[] relation = CondaVersionSpecParser.splitRelation(spec);
            if (relation == null) {
                throw new InvalidSpecException(MatchSpec.KIND, input, "invalid operator in build number '" + spec + "'");
            }
            try {
                return new BuildNumberMatch(spec, null, CondaVersionSpecParser.operatorFor(relation[0]),
                        CondaVersion.parse(relation[1]), null);
            } catch (InvalidVersionException e) {
                throw new InvalidSpecException(MatchSpec.KIND, input, "build number " + e.getMessage());
            }
        }
        if (!spec.isEmpty() && (spec.charAt(0) == '^' || spec.charAt(spec.length() - 1) == '$')) {
            if (spec.charAt(0) != '^' || spec.charAt(spec.length() - 1) != '$') {
                throw new InvalidSpecException(MatchSpec.KIND, input, "regex specs must start with '^' and end with '$'");
            }
            return new BuildNumberMatch(spec, null, null, null, PythonRegex.compile(spec, MatchSpec.KIND, input));
        }
        return new BuildNumberMatch(spec, null, null, null, null);
    }

    /** Whether a record with this build number matches. */
    public boolean matches(long buildNumber) {
        if (exact != null) {
            return exact.bitLength() < Long.SIZE && exact.longValue() == buildNumber;
        }
        if (op != null) {
            return op.test(CondaVersion.parse(Long.toString(buildNumber)), operand);
        }
        if (pattern != null) {
            // conda would hand the integer to re.match and fail; the decimal text is the sensible reading.
            return PythonRegex.matchesFromStart(pattern, Long.toString(buildNumber), MatchSpec.KIND, text);
        }
        return text.equals("*");
    }

    /** The exact build number, or null when this is not a plain integer. */
    public BigInteger exactValue() {
        return exact;
    }

    @Override
    public String toString() {
        return text;
    }
}
