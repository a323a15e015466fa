package io.envaudit.engine.pep440;

import io.envaudit.engine.pep508.Marker;
import io.envaudit.engine.pep508.Requirement;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input ends in an error naming the input: never a stack overflow, a number format crash or a hang. */
class Pep440HostileInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1..2", ".1", "1.", "1.0+", "1.0+a..b", "1!", "!1", "1.0abc", "1.0.post.post",
        "١٢٣", "1.0\u0000", "\uD83D\uDE00", "1.0-", "v", "1.0_", "1.0+ü", "1.0 .0"})
    void malformedVersionsAreRejectedNamingTheInput(String input) {
        InvalidVersionException e = assertThrows(InvalidVersionException.class, () -> Pep440Version.parse(input));
        assertTrue(e.getMessage().startsWith("invalid PEP 440 version '"), e.getMessage());
    }

    @Test
    void aTenThousandDigitNumberIsRejectedQuickly() {
        String huge = "1".repeat(10_000);
        InvalidVersionException e = assertThrows(InvalidVersionException.class, () -> Pep440Version.parse(huge + ".0"));
        assertTrue(e.getMessage().contains("more than 18 digits"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "the message quotes a bounded part of the input");
    }

    @Test
    void eighteenDigitsAreTheLargestNumberAccepted() {
        assertEquals("999999999999999999.1", Pep440Version.parse("999999999999999999.1").toString());
        assertEquals("1", Pep440Version.parse("0000000000000000000000001").toString(), "leading zeros do not count");
    }

    @Test
    void deeplyNestedMarkersEndInAnError() {
        String nested = "(".repeat(10_000) + "python_version == '3'" + ")".repeat(10_000);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Marker.parse(nested));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    @Test
    void longSpecifierSetsAndRequirementsDoNotHang() {
        String longSet = ">=1.0,".repeat(20_000) + "<2";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertTrue(Pep440SpecifierSet.parse(longSet).contains(Pep440Version.parse("1.5")));
            assertThrows(InvalidSpecException.class, () -> Requirement.parse("name" + " ; ".repeat(5000)));
            assertThrows(InvalidSpecException.class, () -> Pep440SpecifierSet.parse(">=" + "1.".repeat(50_000)));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ">=", "=>1.0", "~=1", "==1.0.*.*", "<1.0.*", ">=1.0+local", "== 1.0 .0", "~=1.0+x", "1.0"})
    void malformedSpecifiersAreRejected(String input) {
        assertThrows(InvalidSpecException.class, () -> Pep440Specifier.parse(input));
    }
}
