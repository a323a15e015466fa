package io.envaudit.engine.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidVersionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** conda's own examples for VersionOrder: the docstring order, test_version.py, the openssl convention. */
class CondaVersionTest {

    private static CondaVersion v(String s) {
        return CondaVersion.parse(s);
    }

    private static void assertSorted(String... versions) {
        List<CondaVersion> expected = new ArrayList<>();
        for (String s : versions) {
            expected.add(v(s));
        }
        for (int i = 0; i + 1 < expected.size(); i++) {
            assertTrue(expected.get(i).compareTo(expected.get(i + 1)) <= 0, versions[i] + " <= " + versions[i + 1]);
        }
        List<CondaVersion> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(0, expected.get(i).compareTo(shuffled.get(i)), "position " + i);
        }
    }

    @Test
    void docstringOrder() {
        assertSorted("0.4", "0.4.0", "0.4.1.rc", "0.4.1.RC", "0.4.1", "0.5a1", "0.5b3", "0.5C1", "0.5", "0.9.6",
                "0.960923", "1.0", "1.1dev1", "1.1_", "1.1a1", "1.1.0dev1", "1.1.dev1", "1.1.a1", "1.1.0rc1", "1.1.0",
                "1.1", "1.1.0post1", "1.1.post1", "1.1post1", "1996.07.12", "1!0.4.1", "1!3.1.1.6", "2!0.4.1");
        assertEquals(v("0.4.1.rc"), v("0.4.1.RC"));
        assertEquals(v("1.1.0dev1"), v("1.1.dev1"));
        assertEquals(v("1.1.0"), v("1.1"));
        assertEquals(v("1.1.0post1"), v("1.1.post1"));
        assertTrue(v("0.4").compareTo(v("0.4.0")) == 0);
    }

    @Test
    void testVersionOrderList() {
        assertSorted("0.4", "0.4.0", "0.4.1a.vc11", "0.4.1.rc", "0.4.1.vc11", "0.4.1", "0.5*", "0.5a1", "0.5b3",
                "0.5C1", "0.5z", "0.5za", "0.5", "0.5_5", "0.5-5", "0.9.6", "0.960923", "1.0", "1.0.4a3", "1.0.4b1",
                "1.0.4", "1.1dev1", "1.1_", "1.1a1", "1.1.dev1", "1.1.a1", "1.1", "1.1.post1", "1.1.1dev1", "1.1.1rc1",
                "1.1.1", "1.1.1post1", "1.1post1", "2g6", "2.0b1pr0", "2.2be.ta29", "2.2be5ta29", "2.2beta29",
                "2.2.0.1", "3.1.1.6", "3.2.p.r0", "3.2.pr0", "3.2.pr.1", "5.5.kw", "11g", "14.3.1",
                "14.3.1.post26.g9d75ca2", "1996.07.12", "1!0.4.1", "1!3.1.1.6", "2!0.4.1");
    }

    @Test
    void normalizedString() {
        assertEquals("0.5_5", v("0.5-5").toString());
        assertEquals("0.4.1.rc", v("  0.4.1.RC  ").toString());
        assertEquals("1.2_3_4", v("1.2_3_4").toString());
        assertEquals(v("0.4.1.rc"), v("  0.4.1.RC  "));
        assertEquals(v("0.4.a1"), v("0.4.0a1"));
        assertNotEquals(v("0.4"), v("0.4.1"));
        assertNotEquals(v("0.4.a1"), v("0.4.1a1"));
    }

    @Test
    void opensslConvention() {
        assertSorted("1.0.1dev", "1.0.1_", "1.0.1a", "1.0.1b", "1.0.1c", "1.0.1d", "1.0.1r", "1.0.1rc", "1.0.1rc1",
                "1.0.1rc2", "1.0.1s", "1.0.1", "1.0.1post.a", "1.0.1post.b", "1.0.1post.z", "1.0.1post.za", "1.0.2");
    }

    @Test
    void pep440Examples() {
        assertSorted("1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
                "1.0b2.post345.dev456", "1.0b2.post345", "1.0c1.dev456", "1.0c1", "1.0c3", "1.0rc2", "1.0.dev456",
                "1.0", "1.0.post456.dev34", "1.0.post456", "1.1.dev1", "1.2.r32+123456", "1.2.rev33+123456",
                "1.2+abc", "1.2+abc123def", "1.2+abc123", "1.2+123abc", "1.2+123abc456", "1.2+1234.abc", "1.2+123456",
                "1!1.0a1", "1!1.0a2.dev456", "1!1.0a12.dev456", "1!1.0a12", "1!1.0b1.dev456", "1!1.0b2",
                "1!1.0b2.post345.dev456", "1!1.0b2.post345", "1!1.0c1.dev456", "1!1.0c1", "1!1.0c3", "1!1.0rc2",
                "1!1.0.dev456", "1!1.0", "1!1.0.post456.dev34", "1!1.0.post456", "1!1.1.dev1", "1!1.2.r32+123456",
                "1!1.2.rev33+123456", "1!1.2+abc", "1!1.2+abc123def", "1!1.2+abc123", "1!1.2+123abc",
                "1!1.2+123abc456", "1!1.2+1234.abc", "1!1.2+123456");
        assertSorted("0.3.0.dev", "0.3.3");
    }

    @Test
    void startsWith() {
        assertTrue(v("0.4.1").startsWith(v("0")));
        assertTrue(v("0.4.1").startsWith(v("0.4")));
        assertTrue(v("0.4.1p1").startsWith(v("0.4")));
        assertTrue(v("0.4.1p1").startsWith(v("0.4.1p")));
        assertFalse(v("0.4.1p1").startsWith(v("0.4.1q1")));
        assertFalse(v("0.4").startsWith(v("0.4.1")));
        assertTrue(v("0.4.1+1.3").startsWith(v("0.4.1")));
        assertTrue(v("0.4.1+1.3").startsWith(v("0.4.1+1")));
        assertFalse(v("0.4.1").startsWith(v("0.4.1+1.3")));
        assertFalse(v("0.4.1+1").startsWith(v("0.4.1+1.3")));
        assertFalse(v("1.70").startsWith(v("1.7")));
        assertTrue(v("1.0").startsWith(v("1.0.0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "3.5&1", "5.5++", "5.5..mw", "!", "a!1.0", "a!b!1.0", "+", "+1", "1.0+",
            "1..2", "1.", ".1", "1!", "1!2!3", "1+2+3", "1.0 1", "١.٢", "1.0\u00e9", "1-2_3", "\u0000"})
    void invalid(String input) {
        InvalidVersionException e = assertThrows(InvalidVersionException.class, () -> v(input));
        assertEquals(Flavor.CONDA, e.flavor());
        assertEquals(input, e.input());
    }

    @Test
    void nullIsInvalid() {
        assertThrows(InvalidVersionException.class, () -> v(null));
    }

    @Test
    void hugeNumbersCompareAsIntegers() {
        String big = "9".repeat(10_000);
        assertTrue(v(big).compareTo(v("1" + "0".repeat(9_999))) > 0);
        assertTrue(v("9223372036854775808").compareTo(v("9223372036854775807")) > 0);
        assertEquals(v("0009223372036854775808"), v("9223372036854775808"));
        assertEquals(v("0009223372036854775808").hashCode(), v("9223372036854775808").hashCode());
        assertEquals(v("00000000000000000000000001"), v("1"));
        assertTrue(v("1." + big).compareTo(v("1.2")) > 0);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> v("1." + "7".repeat(200_000)));
    }

    @Test
    void epochAndLocal() {
        assertEquals(1, v("1!2.0+abc").epoch().intValue());
        assertEquals(0, v("2.0").epoch().intValue());
        assertEquals("abc", v("1!2.0+ABC").local());
        assertTrue(v("2.0+abc").hasLocal());
        assertEquals(v("1.0+0"), v("1.0"));
    }

    @Test
    void dashesBecomeUnderscoresOnlyWithoutUnderscores() {
        assertEquals("1.0_1", v("1.0-1").toString());
        assertThrows(InvalidVersionException.class, () -> v("1_0-1"));
        assertEquals("1.0k", v("1.0\u212a").toString()); // Kelvin sign lower-cases to 'k', as in Python
    }
}
