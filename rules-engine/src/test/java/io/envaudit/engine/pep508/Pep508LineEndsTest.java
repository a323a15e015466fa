package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * packaging's END token is Python's {@code $}: the end of the text or just before one final {@code \n},
 * never before {@code \r}, U+0085, U+2028 or U+2029 as Java's {@code $} would be. Answers from
 * packaging 23.0 under /usr/bin/python3.
 */
class Pep508LineEndsTest {

    @ParameterizedTest
    @ValueSource(strings = {"foo\r", "foo>=1.0\r", "foo; os_name=='posix'\r", "foo>=1.0; os_name=='posix'\u2028",
        "foo\r\n", "foo\u0085", "foo\u2029", "foo\n\n"})
    void aLineEndOtherThanOneFinalNewlineIsNotTheEnd(String text) {
        assertThrows(InvalidSpecException.class, () -> Requirement.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"os_name=='posix'\r", "os_name=='posix'\u2028", "os_name=='posix'\r\n"})
    void aMarkerFollowedByALineEndOtherThanNewlineHasTrailingText(String text) {
        assertThrows(InvalidSpecException.class, () -> Marker.parse(text));
    }

    @Test
    void oneFinalNewlineIsAllowed() {
        assertEquals("foo", Requirement.parse("foo\n").toString());
        assertEquals("foo>=1.0", Requirement.parse("foo>=1.0\n").toString());
        assertEquals("foo>=1.0; os_name == \"posix\"", Requirement.parse("foo>=1.0; os_name == 'posix'\n").toString());
        assertEquals("os_name == \"posix\"", Marker.parse("os_name == 'posix'\n").toString());
    }
}
