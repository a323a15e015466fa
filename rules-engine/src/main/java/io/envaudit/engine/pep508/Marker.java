package io.envaudit.engine.pep508;

import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep440.Pep440Specifier;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.version.InvalidSpecException;

import java.util.ArrayList;
import java.util.List;

/**
 * A PEP 508 environment marker ({@code python_version < "3.11" and platform_system == "Linux"}), parsed
 * once and evaluated against an environment's facts as {@code packaging.markers.Marker} evaluates it:
 * a comparison whose right side reads as a PEP 440 specifier is a version comparison (pre-releases
 * allowed), anything else compares strings; {@code extra} values are compared as normalized names.
 */
public final class Marker {
    static final String KIND = "PEP 508 marker";

    private final String text;
    private final MarkerNode.Group root;

    Marker(String text, MarkerNode.Group root) {
        this.text = text;
        this.root = root;
    }

    public static Marker parse(String text) {
        if (text == null) {
            throw new InvalidSpecException(KIND, null, "no marker given");
        }
        return Pep508Parser.marker(text);
    }

    /** Evaluates against the facts; an unknown fact gives {@link Truth#UNKNOWN} where it matters. */
    public Truth evaluate(MarkerEnvironment environment) {
        return evaluate(root, environment);
    }

    /** The environment names this marker reads, e.g. to tell which facts a snapshot must carry. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        collectVariables(root, names);
        return names;
    }

    private Truth evaluate(MarkerNode node, MarkerEnvironment environment) {
        if (node instanceof MarkerNode.Comparison comparison) {
            return compare(comparison, environment);
        }
        MarkerNode.Group group = (MarkerNode.Group) node;
        Truth any = Truth.FALSE;
        Truth all = evaluate(group.atoms().get(0), environment);
        for (int i = 0; i < group.ops().size(); i++) {
            Truth next = evaluate(group.atoms().get(i + 1), environment);
            if (group.ops().get(i).equals("or")) {
                any = any.or(all);
                all = next;
            } else {
                all = all.and(next);
            }
        }
        return any.or(all);
    }

    /**
     * packaging evaluates {@code environment[lhs] op rhs} when the left side is a variable, and otherwise
     * {@code lhs op environment[rhs]}, whether the right side is a variable or a quoted string: in
     * {@code "3.11" == "python_version"} the string names a fact; in {@code "a" == "b"} it names none (unless
     * the caller's environment has a fact "b"), which is packaging's KeyError and an evaluation error here.
     */
    private Truth compare(MarkerNode.Comparison comparison, MarkerEnvironment environment) {
        boolean variableOnTheLeft = comparison.lhs().variable();
        String key;
        String lhs;
        String rhs;
        if (variableOnTheLeft) {
            key = comparison.lhs().value();
            lhs = environment.get(key);
            rhs = comparison.rhs().value();
        } else {
            lhs = comparison.lhs().value();
            key = comparison.rhs().value();
            rhs = environment.get(key);
            if (rhs == null && !comparison.rhs().variable() && !MarkerEnvironment.VARIABLES.contains(key)) {
                throw new InvalidSpecException(KIND, text, "'" + key + "' is not an environment marker name; in a"
                        + " comparison of two strings the right one is looked up as one");
            }
        }
        if (lhs == null || rhs == null) {
            return Truth.UNKNOWN;
        }
        if (key.equals(MarkerEnvironment.EXTRA)) {
            // PEP 685: "tools MUST normalize the names being compared using the semantics outlined in PEP 503"
            lhs = PackageName.normalize(lhs);
            rhs = PackageName.normalize(rhs);
        }
        Pep440Specifier versionTest = variableOnTheLeft ? comparison.versionTest()
                : MarkerNode.Comparison.versionTest(comparison.op(), rhs);
        return Truth.of(versionTest != null ? contains(versionTest, lhs) : compareStrings(lhs, comparison.op(), rhs));
    }

    /**
     * A value that is not a PEP 440 version is not contained in a version specifier: the comparison is
     * false. packaging 23.0 raised InvalidVersion here; 26.0 answers False (PR #932, "Return False instead of
     * raising for .contains with invalid version"), which envaudit follows, so platform_release >= "5" on
     * "5.15.0-1031-azure" is false rather than an error.
     */
    private static boolean contains(Pep440Specifier specifier, String value) {
        Pep440Version version = Pep440Version.tryParse(value);
        return version != null && specifier.contains(version, true);
    }

    private boolean compareStrings(String lhs, String op, String rhs) {
        int order = compareCodePoints(lhs, rhs);
        return switch (op) {
            case "in" -> rhs.contains(lhs);
            case "not in" -> !rhs.contains(lhs);
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case "==" -> order == 0;
            case "!=" -> order != 0;
            case ">=" -> order >= 0;
            case ">" -> order > 0;
            default -> throw new InvalidSpecException(KIND, text, "'" + op + "' is undefined on '" + lhs + "' and '" + rhs + "'");
        };
    }

    /** Python compares strings by code point; Java's compareTo by UTF-16 unit, which differs past U+FFFF. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static void collectVariables(MarkerNode node, List<String> names) {
        if (node instanceof MarkerNode.Comparison comparison) {
            // the one name packaging looks up: the left variable, else whatever the right side names
            MarkerValue read = comparison.lhs().variable() ? comparison.lhs() : comparison.rhs();
            boolean fact = read.variable() || MarkerEnvironment.VARIABLES.contains(read.value());
            if (fact && !names.contains(read.value())) {
                names.add(read.value());
            }
        } else {
            for (MarkerNode atom : ((MarkerNode.Group) node).atoms()) {
                collectVariables(atom, names);
            }
        }
    }

    /** As {@code str(Marker)}: normalized spacing, double quotes, parentheses kept where written. */
    @Override
    public String toString() {
        return format(root, true);
    }

    static String format(MarkerNode node, boolean outermost) {
        if (node instanceof MarkerNode.Comparison c) {
            return c.lhs().serialize() + " " + c.op() + " " + c.rhs().serialize();
        }
        MarkerNode.Group group = (MarkerNode.Group) node;
        if (group.atoms().size() == 1) {
            // packaging unwraps a one-item group and prints its content as if outermost: ((a and b)) or c
            // prints as a and b or c. Quirky, but str() must match.
            return format(group.atoms().get(0), true);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < group.atoms().size(); i++) {
            if (i > 0) {
                out.append(' ').append(group.ops().get(i - 1)).append(' ');
            }
            out.append(format(group.atoms().get(i), false));
        }
        return outermost ? out.toString() : "(" + out + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Marker other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
