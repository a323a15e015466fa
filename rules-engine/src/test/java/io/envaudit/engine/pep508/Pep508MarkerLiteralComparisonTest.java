package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A comparison of two quoted strings: packaging evaluates {@code lhs op environment[rhs]} whenever the left
 * side is not a variable, so the right string is looked up as an environment name. An environment name
 * evaluates as if written bare; any other string is packaging's {@code KeyError}. Answers from packaging 23.0.
 */
class Pep508MarkerLiteralComparisonTest {
    private static final MarkerEnvironment FULL = MarkerEnvironment.of(Map.ofEntries(
            Map.entry("implementation_name", "cpython"), Map.entry("implementation_version", "3.11.2"),
            Map.entry("os_name", "posix"), Map.entry("platform_machine", "x86_64"),
            Map.entry("platform_release", "5.15.0"), Map.entry("platform_system", "Linux"),
            Map.entry("platform_version", "#1"), Map.entry("python_full_version", "3.11.2"),
            Map.entry("platform_python_implementation", "CPython"), Map.entry("python_version", "3.11"),
            Map.entry("sys_platform", "linux"), Map.entry("extra", "Test_Extra")));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"3.11\" == \"python_version\"'|TRUE",
        "'\"3.9\" < \"python_version\"'|TRUE",
        "'\"3.12\" < \"python_version\"'|FALSE",
        "'\"posix\" in \"os_name\"'|TRUE",
        "'\"os_name\" == \"os_name\"'|FALSE",
        "'\"Test.Extra\" == \"extra\"'|TRUE",
        "'\"CPython\" == \"platform_python_implementation\"'|TRUE",
        "'\"x\" not in \"platform_version\"'|TRUE",
        "'\"3.11\" == \"python_version\" and os_name == \"nt\"'|FALSE",
        "'extra == \"gpu\" or \"Test-Extra\" == \"extra\"'|TRUE"})
    void anEnvironmentNameOnTheRightIsLookedUp(String marker, Truth expected) {
        assertEquals(expected, Marker.parse(marker).evaluate(FULL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\" == \"a\"", "\"a\" == \"os.name\"", "\"a\" == \"sys.platform\"",
        "\"a\" == \"python_implementation\"", "\"a\" == \"Python_version\"", "\"a\" == \"\"",
        "python_version >= \"3\" and \"a\" == \"b\"", "python_version == \"2.7\" and \"a\" == \"b\""})
    void anyOtherStringOnTheRightIsAnEvaluationError(String marker) {
        Marker parsed = Marker.parse(marker);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parsed.evaluate(FULL));
        assertTrue(e.getMessage().contains(marker), e.getMessage());
    }

    @Test
    void anEnvironmentNameTheEnvironmentLacksIsUnknown() {
        MarkerEnvironment some = MarkerEnvironment.of(Map.of("os_name", "posix"));
        assertEquals(Truth.UNKNOWN, Marker.parse("\"3.11\" == \"python_version\"").evaluate(some));
        assertEquals(Truth.TRUE, Marker.parse("\"posix\" == \"os_name\"").evaluate(some));
        assertThrows(InvalidSpecException.class, () -> Marker.parse("\"a\" == \"b\"").evaluate(some));
    }

    /** As packaging's own test_prefers_pep440 asks: {@code evaluate({"foo": "2.7.10"})}. */
    @Test
    void aNameTheCallersEnvironmentHasIsLookedUpToo() {
        assertEquals(Truth.TRUE, Marker.parse("\"2.7.9\" < \"foo\"").evaluate(MarkerEnvironment.of(Map.of("foo", "2.7.10"))));
    }

    @Test
    void theNameLookedUpIsAVariableTheMarkerReads() {
        assertEquals(List.of("python_version"), Marker.parse("\"3.11\" == \"python_version\" and \"a\" == \"b\"").variables());
    }
}
