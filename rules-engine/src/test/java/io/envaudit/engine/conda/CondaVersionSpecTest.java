package io.envaudit.engine.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envaudit.engine.conda.CondaVersionSpec.Comparison;
import io.envaudit.engine.conda.CondaVersionSpec.Operator;
import io.envaudit.engine.version.InvalidSpecException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** conda's test_version.py cases for VersionSpec, ver_eval and ~=, plus hostile input. */
class CondaVersionSpecTest {

    private static boolean verEval(String version, String spec) {
        return CondaVersionSpec.parse(spec).matches(CondaVersion.parse(version));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1.7.0;==1.7;true", "1.7.0;<=1.7;true", "1.7.0;<1.7;false", "1.7.0;>=1.7;true", "1.7.0;>1.7;false",
        "1.6.7;>=1.7;false", "2013a;>2013b;false", "2013k;>2013b;true", "3.0.0;>2013b;false",
        "1.0.0;>1.0.0a;true", "1.0.0;>1.0.0*;true", "1.0;1.0*;true", "1.0.0;1.0*;true", "1.0;1.0.0*;true",
        "1.0.1;1.0.0*;false", "2013a;2013a*;true", "2013a;2013b*;false", "2013ab;2013a*;true", "1.3.4;1.2.4*;false",
        "1.2.3+4.5.6;1.2.3*;true", "1.2.3+4.5.6;1.2.3+4*;true", "1.2.3+4.5.6;1.2.3+5*;false",
        "1.2.3+4.5.6;1.2.4+5*;false",
        "3.3.1;=3.3;true", "3.3;=3.3;true", "3.4;=3.3;false", "3.3.1;3.3.*;true", "3.3;3.3.*;true",
        "3.4;3.3.*;false", "3.3.1;=3.3.*;true", "3.3;=3.3.*;true", "3.4;=3.3.*;false", "3.3.1;!=3.3.*;false",
        "3.4;!=3.3.*;true", "3.4.1;!=3.3.*;true", "3.3.1;!=3.3;true", "3.3.0.0;!=3.3;false", "3.3.0.0;!=3.3.*;false",
        "1.11.0;~=1.10;true", "1.11.0;~=1.10.0;false", "3.4.0;~=3.3.2;false", "3.3.1;~=3.3.2;false",
        "3.3.2.0;~=3.3.2;true", "3.3.3;~=3.3.2;true", "2.2.0;~=3.3.2|==2.2;true", "3.3.3;~=3.3.2|==2.2;true",
        "2.2.1;~=3.3.2|==2.2;false",
    })
    void verEvalCases(String version, String spec, boolean expected) {
        assertEquals(expected, verEval(version, spec), version + " vs " + spec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1.7.*;true", "1.7.1;true", "1.7.0;false", "1.7;false", "1.5.*;false", ">=1.5;true", "!=1.5;true",
        "!=1.7.1;false", "==1.7.1;true", "==1.7;false", "==1.7.2;false", "==1.7.1.0;true", "1.7.*|1.8.*;true",
        ">1.7,<1.8;true", ">1.7.1,<1.8;false", "^1.7.1$;true", "^1\\.7\\.1$;true", "^1\\.7\\.[0-9]+$;true",
        "^1\\.8.*$;false", "^1\\.[5-8]\\.1$;true", "^[^1].*$;false", "^[0-9+]+\\.[0-9+]+\\.[0-9]+$;true",
        "^$;false", "^.*$;true", "1.7.*|^0.*$;true", "1.6.*|^0.*$;false", "1.6.*|^0.*$|1.7.1;true",
        "^0.*$|1.7.1;true", "1.6.*|^.*\\.7\\.1$|0.7.1;true", "*;true", "1.*.1;true", "1.5.*|>1.7,<1.8;true",
        "1.5.*|>1.7,<1.7.1;false",
    })
    void matchAgainst171(String spec, boolean expected) {
        CondaVersionSpec parsed = CondaVersionSpec.parse(spec);
        assertEquals(spec, parsed.toString());
        assertEquals(expected, parsed.matches(CondaVersion.parse("1.7.1")), spec);
    }

    @Test
    void compoundVersions() {
        CondaVersionSpec vs = CondaVersionSpec.parse(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*");
        assertFalse(vs.matches(CondaVersion.parse("2.6.8")));
        assertTrue(vs.matches(CondaVersion.parse("2.7.2")));
        assertFalse(vs.matches(CondaVersion.parse("3.3")));
        assertFalse(vs.matches(CondaVersion.parse("3.3.4")));
        assertTrue(vs.matches(CondaVersion.parse("3.4")));
        assertTrue(vs.matches(CondaVersion.parse("3.4a")));
    }

    @Test
    void normalizedStrings() {
        assertEquals("1.5|1.6|1.7,1.8,1.9|2.0|2.1",
                CondaVersionSpec.parse("( (1.5|((1.6|1.7), 1.8), 1.9 |2.0))|2.1").toString());
        assertEquals("1.7.1.*", CondaVersionSpec.parse("1.7.1*").toString());
        assertEquals("1.7.1.*,1.8.1.*", CondaVersionSpec.parse("1.7.1*,1.8.1.*").toString());
        assertEquals("1.5", CondaVersionSpec.parse("(1.5)").toString());
    }

    @Test
    void operandsStayReadable() {
        Comparison c = (Comparison) CondaVersionSpec.parse("1.7*");
        assertEquals(Operator.STARTS_WITH, c.op());
        assertEquals("1.7", c.operand());
        Comparison ne = (Comparison) CondaVersionSpec.parse("!=3.3.*");
        assertEquals(Operator.NOT_STARTS_WITH, ne.op());
        assertEquals("3.3", ne.operand());
        Comparison eq = (Comparison) CondaVersionSpec.parse("1.7.1");
        assertEquals(Operator.EQUAL, eq.op());
        Comparison ge = (Comparison) CondaVersionSpec.parse(">=1.0.*");
        assertEquals(Operator.GREATER_EQUAL, ge.op());
        assertEquals("1.0", ge.operand());
        assertInstanceOf(CondaVersionSpec.AnyVersion.class, CondaVersionSpec.parse("*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(1.5", "1.5)", "1.5||1.6", "^1.5", "~", "^", "><2.4.5", "!!2.4.5", "!", "~=3.3.2.*",
            "===3.3.2", "", "   ", ">=", "<= 1.2", "1..2", ",", "|", "()", "1.0,", "|1.0", ".*", "~=1",
            "^(1$", "1.*[", "1.0$", "==1.0 1"})
    void invalid(String spec) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> CondaVersionSpec.parse(spec));
        assertEquals(spec, e.input());
        assertTrue(e.getMessage().startsWith("invalid conda version spec"), e.getMessage());
    }

    @Test
    void hostileInputsFailCleanlyOrAnswer() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String deepParens = "(".repeat(10_000) + "1.0" + ")".repeat(10_000);
            assertTrue(CondaVersionSpec.parse(deepParens).matches(CondaVersion.parse("1.0")));
            assertThrows(InvalidSpecException.class, () -> CondaVersionSpec.parse("(".repeat(10_000)));
            StringBuilder alternating = new StringBuilder();
            for (int i = 0; i < 5_000; i++) {
                alternating.append(i % 2 == 0 ? "(1|" : "(2,");
            }
            alternating.append("3").append(")".repeat(5_000));
            assertThrows(InvalidSpecException.class, () -> CondaVersionSpec.parse(alternating.toString()));
            String longOr = "1.0|".repeat(100_000) + "2.0";
            CondaVersionSpec or = CondaVersionSpec.parse(longOr);
            assertTrue(or.matches(CondaVersion.parse("2.0")));
            assertFalse(or.matches(CondaVersion.parse("3.0")));
            assertThrows(InvalidSpecException.class,
                    () -> CondaVersionSpec.parse("^" + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "$"));
            assertTrue(CondaVersionSpec.parse(">=" + "9".repeat(10_000)).matches(CondaVersion.parse("1" + "0".repeat(10_000))));
        });
    }
}
