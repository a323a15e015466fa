package io.envaudit.engine.pep440;

import io.envaudit.engine.vectors.VectorFile;
import io.envaudit.engine.vectors.VectorFile.Row;
import io.envaudit.engine.version.InvalidVersionException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every row of the pypa/packaging version vectors ({@code vectors/pep440/version*}): ordering, rejection,
 * normalization, attributes and the one extra comparison, each as {@code packaging} 23.0 answers.
 */
class Pep440VersionVectorsTest {
    static final String DIR = "/vectors/pep440/";
    static final String PROVENANCE = DIR + "PROVENANCE.md";

    static List<Row> rows(String file, int columns) {
        return VectorFile.rows(DIR + file, columns).toList();
    }


    @TestFactory
    Stream<DynamicTest> everyFileHasTheRowsProvenanceCounts() {
        return VectorFile.rowCountsMatchProvenance(DIR, Map.of("versions-ordered.txt", 1, "versions-invalid.txt", 1, "version-normalize.tsv", 2, "version-attributes.tsv", 3, "version-compare.tsv", 4));
    }

    /** "strictly ascending": each version is below every later one and above every earlier one. */
    @TestFactory
    Stream<DynamicTest> versionsOrdered() {
        List<Row> rows = rows("versions-ordered.txt", 1);
        List<Pep440Version> versions = rows.stream().map(r -> Pep440Version.parse(r.value(0))).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int at = i;
            tests.add(VectorFile.dynamicTest(rows.get(i).displayName(), () -> {
                Pep440Version v = versions.get(at);
                assertEquals(0, v.compareTo(Pep440Version.parse(rows.get(at).value(0))));
                assertEquals(v.hashCode(), Pep440Version.parse(rows.get(at).value(0)).hashCode());
                for (int j = 0; j < versions.size(); j++) {
                    Pep440Version other = versions.get(j);
                    String pair = v + " vs " + other + " (line " + rows.get(j).line() + ")";
                    assertEquals(Integer.signum(at - j), Integer.signum(v.compareTo(other)), pair);
                    assertEquals(at == j, v.equals(other), pair);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> versionsInvalid() {
        return rows("versions-invalid.txt", 1).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertThrows(InvalidVersionException.class, () -> Pep440Version.parse(row.value(0)))));
    }

    @TestFactory
    Stream<DynamicTest> versionNormalize() {
        return rows("version-normalize.tsv", 2).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertEquals(row.value(1), Pep440Version.parse(row.value(0)).toString())));
    }

    @TestFactory
    Stream<DynamicTest> versionAttributes() {
        return rows("version-attributes.tsv", 3).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertEquals(row.value(2), attribute(Pep440Version.parse(row.value(1)), row.value(0)))));
    }

    /** The attribute rendered as the file writes it: None empty, booleans true/false, release dot-joined. */
    static String attribute(Pep440Version v, String attribute) {
        Object value = switch (attribute) {
            case "public" -> v.publicString();
            case "base_version" -> v.baseVersionString();
            case "local" -> v.local();
            case "epoch" -> v.epoch();
            case "release" -> Arrays.stream(v.release()).mapToObj(Long::toString).collect(Collectors.joining("."));
            case "pre" -> v.pre();
            case "post" -> v.post();
            case "dev" -> v.dev();
            case "is_prerelease" -> v.isPrerelease();
            case "is_postrelease" -> v.isPostrelease();
            case "is_devrelease" -> v.isDevrelease();
            case "major" -> v.major();
            case "minor" -> v.minor();
            case "micro" -> v.micro();
            default -> throw new IllegalArgumentException("unknown attribute " + attribute);
        };
        return value == null ? "" : value.toString();
    }

    @TestFactory
    Stream<DynamicTest> versionCompare() {
        return rows("version-compare.tsv", 4).stream().map(row -> VectorFile.dynamicTest(row.displayName(), () -> {
            Pep440Version left = Pep440Version.parse(row.value(0));
            Pep440Version right = Pep440Version.parse(row.value(2));
            int c = left.compareTo(right);
            boolean actual = switch (row.value(1)) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case "==" -> c == 0 && left.equals(right);
                case "!=" -> c != 0 && !left.equals(right);
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                default -> throw new IllegalArgumentException("unknown operator " + row.value(1));
            };
            assertEquals(VectorFile.bool(row.value(3)), actual);
            if (c == 0) {
                assertEquals(left.hashCode(), right.hashCode(), "equal versions hash alike");
            } else {
                assertNotEquals(left, right);
            }
        }));
    }
}
