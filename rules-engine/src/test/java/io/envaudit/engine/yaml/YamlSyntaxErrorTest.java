package io.envaudit.engine.yaml;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class YamlSyntaxErrorTest {
    private static YamlSyntaxError of(String text) {
        return YamlSyntaxError.of(assertThrows(MarkedYamlEngineException.class,
                () -> new Compose(LoadSettings.builder().build()).composeString(text)), text);
    }

    @Test
    void aBracketOrQuoteNeverClosedIsPlacedWhereItOpens() {
        assertEquals(new YamlSyntaxError(2, 10, "the '[' is not closed (at line 4, column 4: expected ',' or ']', but got :)"),
                of("a: 1\nrequire: [numpy<2,\n  scipy\nkey: 3\n"));
        assertEquals(new YamlSyntaxError(1, 4, "the '{' is not closed (at line 3, column 1: expected ',' or '}', but got <stream end>)"),
                of("a: {b: 1,\n  c: 2\n"));
        assertEquals(new YamlSyntaxError(1, 4, "the quote is not closed (at line 3, column 1: found unexpected end of stream)"),
                of("a: \"numpy\n  b\n"));
    }

    /** A bracket whose contents break on a later line, but which closes: the place to fix is the problem's. */
    @Test
    void aBracketClosedAfterTheProblemIsNotSaidToBeOpen() {
        assertEquals(new YamlSyntaxError(2, 11, "expected ',' or ']', but got : (while parsing a flow sequence at line 1, column 10)"),
                of("require: [numpy<2,\n  scipy: a: b, pandas]\n"));
        // brackets in a quoted scalar or a comment close nothing
        assertEquals(new YamlSyntaxError(1, 10, "the '[' is not closed (at line 4, column 1: expected ',' or ']', but got <stream end>)"),
                of("require: [numpy, \"]\", # ]\n  'it''s ]',\nkey: 3\n"));
    }

    @Test
    void anyOtherProblemIsPlacedWhereTheParserStoppedWithWhatItWasReading() {
        assertEquals(new YamlSyntaxError(1, 5, "mapping values are not allowed here"), of("a: b: c\n"));
        // what the parser was reading goes unsaid when that is the whole document
        assertEquals(new YamlSyntaxError(3, 2, "expected <block end>, but found '<block sequence start>'"), of("top:\n  a: 1\n - b\n"));
        // a bracket opened and broken on one line: the problem's own place is the one to show
        assertEquals(new YamlSyntaxError(1, 12, "expected ',' or ']', but got : (while parsing a flow sequence at line 1, column 4)"),
                of("a: [b, c: d: e]\n"));
    }
}
