package io.envaudit.engine.pep440;

import io.envaudit.engine.vectors.VectorFile;
import io.envaudit.engine.vectors.VectorFile.Row;
import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.envaudit.engine.pep440.Pep440VersionVectorsTest.DIR;
import static io.envaudit.engine.pep440.Pep440VersionVectorsTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of the pypa/packaging specifier vectors ({@code vectors/pep440/specifier*}): validity,
 * {@code str()}, equality and membership, each as {@code packaging} 23.0 answers.
 *
 * <p>specifier-contains.tsv: {@code contains} rows call envaudit's {@code contains(version, prereleases)}
 * with the call's argument, else the constructor's, else null (the specifier's own default); the few rows
 * passing {@code installed=} and all {@code filter} rows go through {@link Packaging23Calls}, which rebuilds
 * those two 23.0 calls around the same {@code contains}. Where pre-releases are allowed, the row is also
 * asked of the audit method {@code contains(version)} (pre-releases always allowed), which must agree.
 */
class Pep440SpecifierVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyFileHasTheRowsProvenanceCounts() {
        return VectorFile.rowCountsMatchProvenance(DIR, Map.of("specifiers-valid.txt", 2, "specifiers-invalid.txt", 2, "specifier-normalize.tsv", 3, "specifier-equality.tsv", 5, "specifier-contains.tsv", 10));
    }

    /** {@code kind(text)}: a Specifier or a SpecifierSet, by the row's kind column. */
    static Object parse(String kind, String text) {
        return switch (kind) {
            case "Specifier" -> Pep440Specifier.parse(text);
            case "SpecifierSet" -> Pep440SpecifierSet.parse(text);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    @TestFactory
    Stream<DynamicTest> specifiersValid() {
        return rows("specifiers-valid.txt", 2).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> parse(row.value(0), row.value(1))));
    }

    @TestFactory
    Stream<DynamicTest> specifiersInvalid() {
        return rows("specifiers-invalid.txt", 2).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertThrows(InvalidSpecException.class, () -> parse(row.value(0), row.value(1)))));
    }

    @TestFactory
    Stream<DynamicTest> specifierNormalize() {
        return rows("specifier-normalize.tsv", 3).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertEquals(row.value(2), parse(row.value(0), row.value(1)).toString())));
    }

    /** {@code kind(left) op kind(right)}; equal objects must also hash alike, and equality is symmetric. */
    @TestFactory
    Stream<DynamicTest> specifierEquality() {
        return rows("specifier-equality.tsv", 5).stream().map(row -> VectorFile.dynamicTest(row.displayName(), () -> {
            Object left = parse(row.value(0), row.value(1));
            Object right = parse(row.value(0), row.value(3));
            boolean equal = left.equals(right);
            assertEquals(equal, right.equals(left), "symmetric");
            boolean actual = switch (row.value(2)) {
                case "==" -> equal;
                case "!=" -> !equal;
                default -> throw new IllegalArgumentException("unknown operator " + row.value(2));
            };
            assertEquals(VectorFile.bool(row.value(4)), actual);
            if (equal) {
                assertEquals(left.hashCode(), right.hashCode(), "equal specifiers hash alike");
            }
        }));
    }

    /** Columns: kind spec version prereleases expected call_prereleases call_installed method filter_input test. */
    @TestFactory
    Stream<DynamicTest> specifierContains() {
        return rows("specifier-contains.tsv", 10).stream().map(row -> VectorFile.dynamicTest(row.displayName(), () -> {
            Object spec = parse(row.value(0), row.value(1));
            String item = row.value(2);
            Boolean constructed = optional(row.value(3));
            boolean expected = VectorFile.bool(row.value(4));
            Boolean prereleases = optional(row.value(5));
            Boolean installed = optional(row.value(6));
            switch (row.value(7)) {
                case "contains" -> assertEquals(expected, contains(spec, constructed, Pep440Version.parse(item), prereleases, installed));
                case "filter" -> {
                    List<String> input = Arrays.asList(row.value(8).split(",", -1));
                    assertTrue(input.contains(item), "the row's version is one of the filter input");
                    List<String> kept = spec instanceof Pep440Specifier s
                            ? Packaging23Calls.filter(s, constructed, input, prereleases)
                            : Packaging23Calls.filter((Pep440SpecifierSet) spec, constructed, input, prereleases);
                    assertEquals(expected, kept.contains(item), "filter(" + input + ") kept " + kept);
                }
                default -> throw new IllegalArgumentException("unknown method " + row.value(7));
            }
        }));
    }

    private static boolean contains(Object spec, Boolean constructed, Pep440Version version, Boolean prereleases,
                                    Boolean installed) {
        Boolean given = prereleases != null ? prereleases : constructed;
        boolean answer;
        if (spec instanceof Pep440Specifier specifier) {
            answer = specifier.contains(version, given);
        } else if (installed == null) {
            answer = ((Pep440SpecifierSet) spec).contains(version, given);
        } else {
            answer = Packaging23Calls.contains((Pep440SpecifierSet) spec, constructed, version, prereleases, installed);
        }
        if (Boolean.TRUE.equals(given) && !Boolean.TRUE.equals(installed)) {
            boolean audit = spec instanceof Pep440Specifier specifier ? specifier.contains(version)
                    : ((Pep440SpecifierSet) spec).contains(version);
            assertEquals(answer, audit, "contains(version), the audit semantics, is contains(version, prereleases=True)");
        }
        return answer;
    }

    /** {@code true}, {@code false} or {@code none} (argument not given). */
    static Boolean optional(String field) {
        return field.equals("none") ? null : VectorFile.bool(field);
    }
}
