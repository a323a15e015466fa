package io.envaudit.engine.pep508;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.vectors.VectorFile;
import io.envaudit.engine.vectors.VectorFile.Row;
import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every row of the pypa/packaging marker vectors ({@code vectors/pep508/markers-*}): validity, evaluation,
 * {@code str()} and equality, each as {@code packaging} 23.0 answers.
 */
class Pep508MarkerVectorsTest {
    static final String DIR = "/vectors/pep508/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * markers-eval.tsv writes {@code {}} for {@code evaluate()} called with no environment, where
     * {@code packaging} reads the running interpreter. Those rows are kept only where the answer does not
     * depend on it; we check that claim over every value Python registers for {@code os.name}, the one
     * fact they read ("posix", "nt", "java").
     */
    private static final List<String> OS_NAMES = List.of("posix", "nt", "java");

    /** packaging's evaluation errors; envaudit raises one exception type for all of them. */
    private static final Set<String> EVALUATION_ERRORS = Set.of("UndefinedComparison", "UndefinedEnvironmentName");

    static List<Row> rows(String file, int columns) {
        return VectorFile.rows(DIR + file, columns).toList();
    }


    @TestFactory
    Stream<DynamicTest> everyFileHasTheRowsProvenanceCounts() {
        return VectorFile.rowCountsMatchProvenance(DIR, Map.of("markers-eval.tsv", 4, "markers-invalid.txt", 1, "markers-valid.txt", 1, "markers-normalize.tsv", 2, "markers-equality.tsv", 4));
    }

    @TestFactory
    Stream<DynamicTest> markersValid() {
        return rows("markers-valid.txt", 1).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> Marker.parse(row.value(0))));
    }

    @TestFactory
    Stream<DynamicTest> markersInvalid() {
        return rows("markers-invalid.txt", 1).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertThrows(InvalidSpecException.class, () -> Marker.parse(row.value(0)))));
    }

    @TestFactory
    Stream<DynamicTest> markersNormalize() {
        return rows("markers-normalize.tsv", 2).stream().map(row -> VectorFile.dynamicTest(row.displayName(),
                () -> assertEquals(row.value(1), Marker.parse(row.value(0)).toString())));
    }

    /** {@code Marker(left) op Marker(right)}; the tests assert equal hashes exactly for equal markers. */
    @TestFactory
    Stream<DynamicTest> markersEquality() {
        return rows("markers-equality.tsv", 4).stream().map(row -> VectorFile.dynamicTest(row.displayName(), () -> {
            Marker left = Marker.parse(row.value(0));
            Marker right = Marker.parse(row.value(2));
            boolean equal = left.equals(right);
            assertEquals(equal, right.equals(left), "symmetric");
            assertEquals(equal, left.hashCode() == right.hashCode(), "hashes equal exactly when the markers are");
            assertEquals(VectorFile.bool(row.value(3)), switch (row.value(1)) {
                case "==" -> equal;
                case "!=" -> !equal;
                default -> throw new IllegalArgumentException("unknown operator " + row.value(1));
            });
        }));
    }

    /** Columns: marker, environment (JSON; {@code {}} = none passed), expected (true/false/error:Name). */
    @TestFactory
    Stream<DynamicTest> markersEval() {
        return rows("markers-eval.tsv", 4).stream().map(row -> {
            boolean noEnvironment = row.value(1).equals("{}");
            String note = noEnvironment ? "  [no environment: asked with os_name " + String.join(", ", OS_NAMES) + " in turn]" : "";
            return VectorFile.dynamicTest(row.displayName() + note, () -> {
                Marker marker = Marker.parse(row.value(0));
                List<Map<String, String>> environments = noEnvironment
                        ? OS_NAMES.stream().map(os -> Map.of("os_name", os)).toList()
                        : List.of(JSON.readValue(row.value(1), new TypeReference<HashMap<String, String>>() { }));
                for (Map<String, String> facts : environments) {
                    MarkerEnvironment environment = MarkerEnvironment.of(facts);
                    String expected = row.value(2);
                    if (expected.startsWith("error:")) {
                        if (!EVALUATION_ERRORS.contains(expected.substring("error:".length()))) {
                            throw new IllegalArgumentException("unexpected error in a vector: " + expected);
                        }
                        assertThrows(InvalidSpecException.class, () -> marker.evaluate(environment), facts.toString());
                    } else {
                        Truth truth = marker.evaluate(environment);
                        assertEquals(Truth.of(VectorFile.bool(expected)), truth, facts.toString());
                    }
                }
            });
        });
    }
}
