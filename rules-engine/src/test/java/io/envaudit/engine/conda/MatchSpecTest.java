package io.envaudit.engine.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envaudit.engine.version.InvalidSpecException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MatchSpec behaviours beyond the vectors: accessors, channels, hostile input. */
class MatchSpecTest {
    private static final CondaRecord NUMPY = new CondaRecord("numpy", "1.11.2", "py36_nomkl_0", 0, "conda-forge", "linux-64");

    @Test
    void positionalVersionAndBuild() {
        MatchSpec spec = MatchSpec.parse("numpy 1.11.2 *nomkl*");
        assertEquals("numpy", spec.name());
        assertEquals("1.11.2", spec.version().toString());
        assertEquals("*nomkl*", spec.build().value());
        assertTrue(spec.matches(NUMPY));
        assertEquals("numpy==1.11.2[build=*nomkl*]", spec.toString());
    }

    @Test
    void fuzzyVersusExactEquals() {
        assertEquals("1.11.*", MatchSpec.parse("numpy=1.11").version().toString());
        assertEquals("1.11", MatchSpec.parse("numpy==1.11").version().toString());
        assertTrue(MatchSpec.parse("numpy=1.11").matches(NUMPY));
        assertFalse(MatchSpec.parse("numpy==1.11").matches(NUMPY));
    }

    @Test
    void channelAndSubdir() {
        MatchSpec spec = MatchSpec.parse("conda-forge/linux-64::numpy>=1.8");
        assertEquals("conda-forge", spec.channel());
        assertEquals("linux-64", spec.subdir());
        assertTrue(spec.matches(NUMPY));
        assertTrue(spec.matches(new CondaRecord("numpy", "1.11.2", "0", 0, "https://conda.anaconda.org/conda-forge/linux-64/", "linux-64")));
        assertFalse(spec.matches(new CondaRecord("numpy", "1.11.2", "0", 0, "defaults", "linux-64")));
        assertTrue(MatchSpec.parse("*::numpy").matches(NUMPY));
        assertTrue(MatchSpec.parse("conda-*::numpy").matches(NUMPY));
        assertNull(MatchSpec.parse("numpy").channel());
    }

    @Test
    void buildNumber() {
        MatchSpec spec = MatchSpec.parse("numpy[build_number='>=3']");
        assertFalse(spec.matches(NUMPY));
        assertTrue(spec.matches(new CondaRecord("numpy", "1", "b", 12, null, null)));
        assertTrue(MatchSpec.parse("numpy[build_number=0]").matches(NUMPY));
    }

    @Test
    void regexAndGlobNames() {
        assertTrue(MatchSpec.parse("num*").matches(NUMPY));
        assertTrue(MatchSpec.parse("^num.*$").matches(NUMPY));
        assertTrue(MatchSpec.parse("NumPy").matches(NUMPY));
        assertFalse(MatchSpec.parse("numpy[version='^1\\.10.*$']").matches(NUMPY));
    }

    @Test
    void invalidRecordVersionIsReported() {
        CondaRecord broken = new CondaRecord("numpy", "1..2", "0", 0, null, null);
        assertTrue(MatchSpec.parse("numpy *").matches(broken));
        assertThrows(IllegalArgumentException.class, () -> MatchSpec.parse("numpy >=1").matches(broken));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "numpy >=", "numpy ==", "numpy= ", "[version=1]", "numpy[]",
            "numpy[version=1][build=2]", "::", "numpy 1..2", "foo if python>=3.6"})
    void invalid(String input) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> {
            MatchSpec spec = MatchSpec.parse(input);
            throw new AssertionError("parsed as " + spec);
        });
        assertTrue(e.getMessage().startsWith("invalid MatchSpec"), e.getMessage());
    }

    @Test
    void unclosedBracketIsPartOfTheName() {
        // conda's test_bad_brackets: "package[build" is accepted (strict xfail upstream).
        assertEquals("package[build", MatchSpec.parse("package[build").name());
    }

    @Test
    void hostileInputsFailCleanlyOrAnswer() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String many = "[".repeat(100_000);
            parseOrReject("numpy" + many + "]");
            parseOrReject("numpy" + "[a".repeat(50_000) + "]");
            parseOrReject("numpy[" + "a=a=".repeat(50_000) + "'");
            parseOrReject("numpy " + "(".repeat(10_000) + "1.0" + ")".repeat(10_000));
            parseOrReject("numpy " + "1.0|".repeat(50_000) + "2.0");
            parseOrReject("numpy >=" + "9".repeat(10_000));
            parseOrReject("numpy " + " ".repeat(100_000) + "1");
            parseOrReject("n".repeat(100_000) + " " + "1 ".repeat(50_000));
            parseOrReject("numpy ١٢");
        });
    }

    private static void parseOrReject(String input) {
        try {
            MatchSpec.parse(input).matches(NUMPY);
        } catch (InvalidSpecException | io.envaudit.engine.version.InvalidVersionException e) {
            // a clean rejection is fine
        }
    }

    @Test
    void allButTheChannelLeavesOnlyTheChannelOpen() {
        MatchSpec spec = MatchSpec.parse("conda-forge::numpy >=1.26");
        assertTrue(spec.testsChannel());
        CondaRecord unknownChannel = new CondaRecord("numpy", "1.26.4", "py311h64a7726_0", 0, null, "linux-64");
        assertFalse(spec.matches(unknownChannel));
        assertTrue(spec.matchesAllButChannel(unknownChannel, null));
        assertFalse(spec.matchesAllButChannel(new CondaRecord("numpy", "1.25.2", "py311h64a7726_0", 0, null, "linux-64"), null));
        assertFalse(MatchSpec.parse("numpy >=1.26").testsChannel());
        assertFalse(MatchSpec.parse("*::numpy").testsChannel());
    }
}
