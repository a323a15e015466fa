package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Inside a requirement's version specifier, packaging's {@code \s} is Python's: every character
 * {@code str.isspace} accepts, not only ASCII white space. Answers from packaging 23.0.
 */
class Pep508SpecifierWhitespaceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo== \u00a01.0|foo==1.0",
        "foo>=\u20031.0|foo>=1.0",
        "foo~=\u30001.0|foo~=1.0",
        "foo==\u001c1.0|foo==1.0",
        "foo===\u00a0a|foo===a",
        "foo!=\u202f1.0.*|foo!=1.0.*"})
    void unicodeWhiteSpaceBeforeTheVersionIsSkipped(String text, String printed) {
        assertEquals(printed, Requirement.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo===a\u00a0", "foo===a\u3000", "foo===a\u0085", "foo===a\u2028b", "foo== 1.0\u00a0"})
    void unicodeWhiteSpaceEndsTheVersion(String text) {
        assertThrows(InvalidSpecException.class, () -> Requirement.parse(text));
    }
}
