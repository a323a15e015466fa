package io.envaudit.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch commands as a user runs them: arguments or stdin in, one line out per line in, in order. */
class BatchCommandsTest {
    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EnvauditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionCompareAnswersEachLineInOrderAndReportsBadLinesInPlace() {
        Run run = run("1.0\t1.0.0\n1.0a1\t1.0\nnot-a-version\t1\n2.0\t1.9\nno tab here\n",
                "version", "compare", "--flavor", "pep440");
        assertEquals(0, run.exitCode());
        List<String> lines = run.lines();
        assertEquals(5, lines.size());
        assertEquals(List.of("0", "-1"), lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("error: invalid PEP 440 version 'not-a-version'"), lines.get(2));
        assertEquals("1", lines.get(3));
        assertEquals("error: line 5: expected two fields separated by one tab, got 'no tab here'", lines.get(4));
    }

    @Test
    void linesEndOnlyAtLineFeedsAndAByteOrderMarkIsSkipped() {
        Run run = run("\uFEFF1.0\t1.0.0\r\n2\t1\r\r\na\rb\t1\n3\t4", "version", "compare", "--flavor", "pep440");
        List<String> lines = run.lines();
        assertEquals(4, lines.size(), run.out());
        assertEquals("0", lines.get(0));
        assertEquals("1", lines.get(1), "one CR is the line end; the other is white space around a version");
        assertTrue(lines.get(2).startsWith("error: invalid PEP 440 version 'a\\rb'"), lines.get(2));
        assertEquals("-1", lines.get(3), "the last line needs no line feed");
    }

    @Test
    void containerCommandsHaveHelpAndVersion() {
        assertEquals(0, run("", "spec", "--help").exitCode());
        assertEquals(0, run("", "version", "--help").exitCode());
        assertTrue(run("", "spec", "match", "-V").out().startsWith("envaudit "));
    }

    @Test
    void versionCompareUsesCondasOrderingWhenAsked() {
        Run run = run("1.1\t1.1.0\n1.0.1a\t1.0.1\n1.1dev1\t1.1_\n", "version", "compare", "--flavor", "conda");
        assertEquals(List.of("0", "-1", "-1"), run.lines());
    }

    @Test
    void specMatchAnswersOneQuestionFromArguments() {
        Run run = run("", "spec", "match", "--flavor", "pep440", ">=2.6,<2.9", "2.8.1");
        assertEquals(0, run.exitCode());
        assertEquals(List.of("true"), run.lines());
    }

    @Test
    void specMatchBatchesPep440AndCondaSpecs() {
        assertEquals(List.of("false", "true", "false"),
                run("<2.11\t2.11.0rc1\n~=2.2\t2.3\n==1.7.*\t1.8\n", "spec", "match", "--flavor", "pep440").lines());
        assertEquals(List.of("true", "true", "false"),
                run(">=1.20,<2|1.19.*\t1.19.5\n=1.7\t1.7.4\n==1.7\t1.7.1\n",
                        "spec", "match", "--flavor", "conda").lines());
    }

    @Test
    void aBadSpecOnTheCommandLineExitsWithTwoAndSaysWhy() {
        Run run = run("", "spec", "match", "--flavor", "pep440", "=>1.0", "1.0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: invalid PEP 440 specifier '=>1.0'"), run.err());
    }

    @Test
    void oneArgumentIsAUsageError() {
        Run run = run("", "spec", "match", "--flavor", "pep440", ">=1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("give a spec and a version"), run.err());
    }

    @Test
    void anUnknownFlavorIsRejected() {
        Run run = run("", "version", "compare", "--flavor", "rpm", "1", "2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown version flavor 'rpm'"), run.err());
    }
}
