package io.envaudit.engine.pep440;

import io.envaudit.engine.pep508.Marker;
import io.envaudit.engine.pep508.MarkerEnvironment;
import io.envaudit.engine.pep508.Requirement;
import io.envaudit.engine.pep508.Truth;
import io.envaudit.engine.vectors.VectorFile;
import io.envaudit.engine.vectors.VectorFile.Row;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.envaudit.engine.pep440.Pep440VersionVectorsTest.PROVENANCE;
import static io.envaudit.engine.pep440.Pep440VersionVectorsTest.rows;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every row of {@code vectors/pep440/post-23.0-fixes.tsv}, a behaviour {@code packaging} changed after
 * 23.0, answered as envaudit's policy says ("envaudit's choices" in that folder's PROVENANCE.md): the
 * fixed answer where envaudit follows the change, 23.0's answer where it does not. The row's Python
 * expression is read by a small interpreter of the few forms the file uses, and asked of envaudit.
 */
class PostPackaging23FixesTest {
    private static final String FILE = "post-23.0-fixes.tsv";

    /** Where envaudit stands on one upstream change. */
    private record Policy(boolean followed, boolean askedAsMarker, String why) {
    }

    private static Policy follows(String why) {
        return new Policy(true, false, why);
    }

    private static Policy keeps23(String why) {
        return new Policy(false, false, why);
    }

    /** By issue/PR number; a row citing a number missing here, or numbers with different policies, fails. */
    private static final Map<String, Policy> POLICY = Map.ofEntries(
            entry("#683", follows("epoch prefix matching fixed")),
            entry("#712", follows("epoch prefix matching fixed")),
            entry("#687", follows("markers with trailing text rejected")),
            entry("#932", new Policy(true, true, "in marker evaluation a non-PEP 440 value makes a version comparison false")),
            entry("#951", follows("=== clauses kept apart by their text")),
            entry("#469", follows("ASCII-only local labels")),
            entry("#1102", follows("ASCII-only local labels")),
            entry("#1228", follows("ASCII-only local labels")),
            entry("#1384", follows("ASCII-only operator spellings")),
            entry("#120", keeps23("URLs still validated: the relaxation is not a fix")),
            entry("#684", keeps23("URLs still validated: the relaxation is not a fix")),
            entry("#644", keeps23("requirement equality on the name as written")),
            entry("#696", keeps23("requirement equality on the name as written")),
            entry("#794", keeps23("pre-release defaults: audits always allow pre-releases")),
            entry("#895", keeps23("pre-release defaults: audits always allow pre-releases")),
            entry("#897", keeps23("pre-release defaults: audits always allow pre-releases")),
            entry("#942", keeps23("pre-release defaults: audits always allow pre-releases")),
            entry("#954", keeps23("a version that does not parse leaves the record unknown")),
            entry("#935", keeps23("str() spacing is cosmetic")));

    private static final Pattern NUMBER = Pattern.compile("#[0-9]+");
    private static final String STR = "(\"[^\"]*\"|'[^']*')";
    private static final Pattern CONSTRUCT = Pattern.compile("(Version|Specifier|SpecifierSet|Marker|Requirement)\\(" + STR + "\\)");
    private static final Pattern CONTAINS = Pattern.compile("(Specifier|SpecifierSet)\\(" + STR + "\\)\\.contains\\(" + STR + "\\)");
    private static final Pattern PRERELEASES = Pattern.compile("Specifier\\(" + STR + "\\)\\.prereleases");
    private static final Pattern URL = Pattern.compile("Requirement\\(" + STR + "\\)\\.url");
    private static final Pattern EQUALS = Pattern.compile("Requirement\\(" + STR + "\\) == Requirement\\(" + STR + "\\)");
    private static final Pattern FILTER = Pattern.compile("list\\(SpecifierSet\\(" + STR + "\\)\\.filter\\(\\[(.*)\\]\\)\\)");
    private static final Pattern STR_OF = Pattern.compile("str\\(Requirement\\(" + STR + "\\)\\)");
    private static final Pattern ITEM = Pattern.compile(STR);

    @TestFactory
    Stream<DynamicTest> everyRowIsAnsweredByPolicy() {
        List<Row> rows = rows(FILE, 7);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(VectorFile.dynamicTest(FILE + " has the rows PROVENANCE.md counts",
                () -> assertEquals(VectorFile.documentedRows(PROVENANCE, FILE), rows.size())));
        for (Row row : rows) {
            Policy policy = policy(row.value(5));
            String expected = policy.followed ? row.value(3) : row.value(2);
            String name = row.location() + " " + NUMBER.matcher(row.value(5)).results().map(r -> r.group()).collect(Collectors.joining("/"))
                    + (policy.followed ? " FOLLOWED (" + row.value(4) + "), expects the fixed answer: "
                    : " not followed, expects 23.0's answer: ") + policy.why + " | " + row.value(1) + " -> " + expected;
            tests.add(VectorFile.dynamicTest(name, () -> assertEquals(expected, answer(row.value(1), policy.askedAsMarker))));
        }
        return tests.stream();
    }

    private static Policy policy(String reference) {
        Set<Policy> policies = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(reference);
        while (m.find()) {
            Policy p = POLICY.get(m.group());
            if (p == null) {
                throw new IllegalStateException("no envaudit policy for " + m.group() + " (" + reference + ")");
            }
            policies.add(p);
        }
        if (policies.stream().map(Policy::followed).distinct().count() != 1) {
            throw new IllegalStateException("no single envaudit policy for " + reference + ": " + policies);
        }
        return policies.iterator().next();
    }

    /** The row's expression asked of envaudit, rendered as the file renders Python's answer. */
    static String answer(String expression, boolean askedAsMarker) {
        Matcher m;
        if ((m = CONTAINS.matcher(expression)).matches()) {
            boolean single = m.group(1).equals("Specifier");
            String spec = literal(m.group(2));
            String item = literal(m.group(3));
            if (askedAsMarker) {
                return containsInMarker(Pep440Specifier.parse(spec), item);
            }
            return raising("InvalidVersion", () -> {
                Pep440Version version = Pep440Version.parse(item);
                return Boolean.toString(single ? Pep440Specifier.parse(spec).contains(version, null)
                        : Pep440SpecifierSet.parse(spec).contains(version, null));
            });
        }
        if ((m = PRERELEASES.matcher(expression)).matches()) {
            return Boolean.toString(Packaging23Calls.prereleases(Pep440Specifier.parse(literal(m.group(1))), null));
        }
        if ((m = URL.matcher(expression)).matches()) {
            String text = literal(m.group(1));
            return raising("InvalidRequirement", () -> repr(Requirement.parse(text).url()));
        }
        if ((m = EQUALS.matcher(expression)).matches()) {
            return Boolean.toString(Requirement.parse(literal(m.group(1))).equals(Requirement.parse(literal(m.group(2)))));
        }
        if ((m = FILTER.matcher(expression)).matches()) {
            List<String> items = new ArrayList<>();
            Matcher item = ITEM.matcher(m.group(2));
            while (item.find()) {
                items.add(literal(item.group(1)));
            }
            List<String> kept = Packaging23Calls.filter(Pep440SpecifierSet.parse(literal(m.group(1))), null, items, null);
            return kept.stream().map(PostPackaging23FixesTest::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if ((m = STR_OF.matcher(expression)).matches()) {
            String text = literal(m.group(1));
            return raising("InvalidRequirement", () -> repr(Requirement.parse(text).toString()));
        }
        if ((m = CONSTRUCT.matcher(expression)).matches()) {
            String text = literal(m.group(2));
            return switch (m.group(1)) {
                case "Version" -> raising("InvalidVersion", () -> valid(Pep440Version.parse(text)));
                case "Specifier" -> raising("InvalidSpecifier", () -> valid(Pep440Specifier.parse(text)));
                case "SpecifierSet" -> raising("InvalidSpecifier", () -> valid(Pep440SpecifierSet.parse(text)));
                case "Marker" -> raising("InvalidMarker", () -> valid(Marker.parse(text)));
                default -> raising("InvalidRequirement", () -> valid(Requirement.parse(text)));
            };
        }
        throw new IllegalArgumentException("no interpreter for the expression " + expression);
    }

    /**
     * {@code Specifier(OP V).contains(item)} as a marker asks it: {@code 'item' OP platform_release} with
     * {@code platform_release} set to V, which {@code packaging} evaluates as exactly that call (with
     * pre-releases allowed).
     */
    private static String containsInMarker(Pep440Specifier specifier, String item) {
        Marker marker = Marker.parse("'" + item + "' " + specifier.operator().symbol() + " platform_release");
        Truth truth = marker.evaluate(MarkerEnvironment.of(Map.of("platform_release", specifier.versionText())));
        return truth == Truth.UNKNOWN ? "unknown" : Boolean.toString(truth == Truth.TRUE);
    }

    private static String literal(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String valid(Object parsed) {
        return "valid; str=" + repr(parsed.toString());
    }

    /** Python's {@code repr} of a str, for the plain text these rows hold. */
    private static String repr(String s) {
        if (s == null) {
            return "None";
        }
        String quote = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        return quote + s.replace("\\", "\\\\") + quote;
    }

    /** The answer, or {@code raises <error>} where envaudit rejects the input as Python would raise it. */
    private static String raising(String error, Supplier<String> call) {
        try {
            return call.get();
        } catch (InvalidVersionException e) {
            return "raises InvalidVersion";
        } catch (InvalidSpecException e) {
            return "raises " + error;
        }
    }
}
