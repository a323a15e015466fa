package io.envaudit.engine.pep508;

import io.envaudit.engine.vectors.VectorFile;
import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.envaudit.engine.pep508.Pep508MarkerVectorsTest.DIR;
import static io.envaudit.engine.pep508.Pep508MarkerVectorsTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every row of the pypa/packaging requirement vectors ({@code vectors/pep508/requirements*}): the parsed
 * parts, rejection, {@code str()} and equality, each as {@code packaging} 23.0 answers.
 */
class Pep508RequirementVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyFileHasTheRowsProvenanceCounts() {
        return VectorFile.rowCountsMatchProvenance(DIR, Map.of("requirements.tsv", 7, "requirements-invalid.txt", 1, "requirements-normalize.tsv", 2, "requirements-equality.tsv", 4));
    }

    /** Columns: input, name, url, extras (sorted, comma-joined), str(specifier), str(marker); empty = none. */
    @TestFactory
    Stream<DynamicTest> requirements() {
        return rows("requirements.tsv", 7).stream().map(row -> VectorFile.dynamicTest(row.displayName(), () -> {
            Requirement requirement = Requirement.parse(row.value(0));
            assertEquals(row.value(1), requirement.name(), "name");
            assertEquals(row.value(2), requirement.url() == null ? "" : requirement.url(), "url");
            assertEquals(row.value(3), String.join(",", new TreeSet<>(requirement.extras())), "extras");
            assertEquals(row.value(4), requirement.specifier().toString(), "specifier");
            assertEquals(row.value(5), requirement.marker() == null ? "" : requirement.marker().toString(), "marker");
        }));
    }

    /** {@code <empty>} on a line of its own is the empty string (test_error_when_empty_string). */
    @TestFactory
    Stream<DynamicTest> requirementsInvalid() {
        return rows("requirements-invalid.txt", 1).stream().map(row -> VectorFile.dynamicTest(row.displayName(), () -> {
            String input = row.column(0).equals("<empty>") ? "" : row.value(0);
            assertThrows(InvalidSpecException.class, () -> Requirement.parse(input));
        }));
    }

    @TestFactory
    Stream<DynamicTest> requirementsNormalize() {
        return rows("requirements-normalize.tsv", 2).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertEquals(row.value(1), Requirement.parse(row.value(0)).toString())));
    }

    /** {@code Requirement(left) == Requirement(right)}; "hashes are equal exactly when expected is true". */
    @TestFactory
    Stream<DynamicTest> requirementsEquality() {
        return rows("requirements-equality.tsv", 4).stream().map(row -> VectorFile.dynamicTest(row.displayName(), () -> {
            Requirement left = Requirement.parse(row.value(0));
            Requirement right = Requirement.parse(row.value(2));
            boolean equal = left.equals(right);
            assertEquals(equal, right.equals(left), "symmetric");
            assertEquals(equal, left.hashCode() == right.hashCode(), "hashes equal exactly when the requirements are");
            assertEquals(VectorFile.bool(row.value(3)), switch (row.value(1)) {
                case "==" -> equal;
                case "!=" -> !equal;
                default -> throw new IllegalArgumentException("unknown operator " + row.value(1));
            });
        }));
    }
}
