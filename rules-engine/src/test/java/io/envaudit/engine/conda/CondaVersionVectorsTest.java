package io.envaudit.engine.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.conda.CondaVersionSpec.Comparison;
import io.envaudit.engine.conda.CondaVersionSpec.Operator;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every line of the conda version vectors (versions-*, version-*). */
class CondaVersionVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> versionsOrdered() {
        List<String> lines = CondaVectors.rawLines("versions-ordered.txt");
        List<DynamicTest> tests = new java.util.ArrayList<>();
        String previous = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isEmpty()) {
                previous = null;
                continue;
            }
            boolean equal = line.startsWith("== ");
            String current = CondaVectors.decode(equal ? line.substring(3) : line);
            if (previous != null) {
                String left = previous;
                int lineNumber = i + 1;
                tests.add(DynamicTest.dynamicTest("line " + lineNumber + ": " + left + (equal ? " == " : " < ") + current, () -> {
                    CondaVersion a = CondaVersion.parse(left);
                    CondaVersion b = CondaVersion.parse(current);
                    if (equal) {
                        assertEquals(0, a.compareTo(b));
                        assertEquals(a, b);
                        assertEquals(a.hashCode(), b.hashCode());
                    } else {
                        assertTrue(a.compareTo(b) < 0);
                        assertTrue(b.compareTo(a) > 0);
                    }
                }));
            }
            previous = current;
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> versionsParsed() {
        return CondaVectors.rows("versions-parsed.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            CondaVersion v = CondaVersion.parse(row.get(0));
            assertEquals(row.get(1), v.toString());
            assertEquals(JSON.readTree(row.get(2)).toString(), componentsJson(v));
        }));
    }

    private static String componentsJson(CondaVersion v) {
        StringBuilder out = new StringBuilder("[");
        VersionAtom[][] components = v.components();
        for (int i = 0; i < components.length; i++) {
            out.append(i > 0 ? ",[" : "[");
            for (int j = 0; j < components[i].length; j++) {
                VersionAtom atom = components[i][j];
                if (j > 0) {
                    out.append(',');
                }
                if (atom == VersionAtom.POST_RELEASE) {
                    out.append("\"POST\"");
                } else if (atom.isText()) {
                    out.append('"').append(atom.text()).append('"');
                } else {
                    out.append(atom);
                }
            }
            out.append(']');
        }
        return out.append(']').toString();
    }

    @TestFactory
    Stream<DynamicTest> versionsInvalid() {
        return CondaVectors.rows("versions-invalid.txt").stream().map(row -> DynamicTest.dynamicTest(row.toString(),
                () -> assertThrows(InvalidVersionException.class, () -> CondaVersion.parse(row.get(0)))));
    }

    @TestFactory
    Stream<DynamicTest> versionCompare() {
        return CondaVectors.rows("version-compare.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            CondaVersion a = CondaVersion.parse(row.get(0));
            CondaVersion b = CondaVersion.parse(row.get(2));
            int c = a.compareTo(b);
            boolean actual;
            switch (row.get(1)) {
                case "<": actual = c < 0; break;
                case "<=": actual = c <= 0; break;
                case "==": actual = c == 0 && a.equals(b); break;
                case "!=": actual = c != 0 && !a.equals(b); break;
                case ">=": actual = c >= 0; break;
                case ">": actual = c > 0; break;
                case "startswith": actual = a.startsWith(b); break;
                default: throw new IllegalArgumentException(row.get(1));
            }
            assertEquals(Boolean.parseBoolean(row.get(3)), actual);
        }));
    }

    @TestFactory
    Stream<DynamicTest> versionSpecMatch() {
        return CondaVectors.rows("version-spec-match.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () ->
                assertEquals(Boolean.parseBoolean(row.get(2)),
                        CondaVersionSpec.parse(row.get(0)).matches(CondaVersion.parse(row.get(1))))));
    }

    @TestFactory
    Stream<DynamicTest> versionSpecInvalid() {
        return CondaVectors.rows("version-spec-invalid.txt").stream().map(row -> DynamicTest.dynamicTest(row.toString(),
                () -> assertThrows(InvalidSpecException.class, () -> CondaVersionSpec.parse(row.get(0)))));
    }

    @TestFactory
    Stream<DynamicTest> versionSpecStr() {
        return CondaVectors.rows("version-spec-str.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            CondaVersionSpec spec = CondaVersionSpec.parse(row.get(0));
            if (!row.get(1).isEmpty()) {
                assertEquals(row.get(1), spec.toString());
            }
            if (!row.get(2).isEmpty()) {
                assertEquals(Boolean.parseBoolean(row.get(2)), isExact(spec));
            }
        }));
    }

    /** conda's {@code VersionSpec.is_exact()}: a bare version, {@code ==}, or an {@code @} literal. */
    static boolean isExact(CondaVersionSpec spec) {
        return (spec instanceof Comparison && ((Comparison) spec).op() == Operator.EQUAL)
                || spec instanceof CondaVersionSpec.ExactText;
    }

    @TestFactory
    Stream<DynamicTest> versionSpecEqual() {
        return CondaVectors.rows("version-spec-equal.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () ->
                assertEquals(Boolean.parseBoolean(row.get(2)),
                        CondaVersionSpec.parse(row.get(0)).toString().equals(CondaVersionSpec.parse(row.get(1)).toString()))));
    }
}
