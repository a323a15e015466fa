package io.envaudit.engine.pep508;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * packaging tries {@code Specifier(op + rhs)} on every comparison; with a variable on the left the right
 * side is a constant, so envaudit decides at parse time whether it is a version comparison, and evaluation
 * parses no specifier. Evaluations are packaging 23.0's (with #932: a value that is not a version is false).
 */
class Pep508MarkerVersionTestTest {
    private static final MarkerEnvironment ENVIRONMENT = MarkerEnvironment.of(
            Map.of("python_version", "3.11", "extra", "1.0", "os_name", "posix"));

    private static MarkerNode.Comparison comparison(String variable, String op, String literal) {
        return new MarkerNode.Comparison(MarkerValue.variable(variable), op, MarkerValue.literal(literal));
    }

    @Test
    void decidedWhenParsed() {
        assertEquals("<3.11", comparison("python_version", "<", "3.11").versionTest().toString());
        assertEquals("<=3.11", comparison("python_version", "<", "=3.11").versionTest().toString(), "op + rhs, as packaging joins them");
        assertEquals("===3.11", comparison("python_version", "==", "=3.11").versionTest().toString());
        assertEquals("==1-post0", comparison("extra", "==", "1.post0").versionTest().toString(), "the extra normalized first");
        assertNull(comparison("os_name", "==", "posix").versionTest());
        assertNull(comparison("python_version", "in", "3.11").versionTest());
        assertNull(new MarkerNode.Comparison(MarkerValue.literal("3.11"), "==", MarkerValue.variable("python_version"))
                .versionTest(), "the right side comes from the environment");
    }

    @Test
    void evaluatedAsPackagingDoes() {
        assertEquals(Truth.TRUE, Marker.parse("python_version < \"=3.11\"").evaluate(ENVIRONMENT));
        assertEquals(Truth.TRUE, Marker.parse("python_version == \"=3.11\"").evaluate(ENVIRONMENT));
        assertEquals(Truth.TRUE, Marker.parse("extra == \"1_0\"").evaluate(ENVIRONMENT));
        assertEquals(Truth.TRUE, Marker.parse("extra == \"1.post0\"").evaluate(ENVIRONMENT));
        assertEquals(Truth.FALSE, Marker.parse("os_name == \" 3\"").evaluate(ENVIRONMENT));
        assertEquals(Truth.TRUE, Marker.parse("python_version < \" 3.12\"").evaluate(ENVIRONMENT));
        assertNotNull(comparison("python_version", "<", " 3.12").versionTest());
    }
}
