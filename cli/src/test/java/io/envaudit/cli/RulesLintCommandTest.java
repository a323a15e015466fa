package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code envaudit rules lint} as a user runs it: files and directories in, problems and a summary out, an exit code. */
class RulesLintCommandTest {

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EnvauditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path resource(String path) {
        try {
            return Path.of(RulesLintCommandTest.class.getResource("/rules/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDirectoryOfGoodFilesHasNoProblems() {
        Run run = run("rules", "lint", resource("good").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(List.of("2 files, 2 rules, 1 waiver: no problems"), run.lines(), "README.txt is not a rule file");
    }

    @Test
    void problemsArePrintedByFileAndLineThenCountedAndExitWithOne() {
        Path a = resource("bad/a.yaml");
        Path b = resource("bad/b.yaml");
        Run run = run("rules", "lint", resource("bad").toString());
        assertEquals(1, run.exitCode());
        assertEquals(List.of(
                a + ":5:15: error: unknown severity 'serious' (expected info, warning, error or critical)",
                a + ":9:11: warning: waiver 'old-paper' names rule 'numpy-one', which is neither a loaded rule nor a built-in check",
                a + ":12:14: error: waiver 'old-paper' has expired (2020-01-31)",
                b + ":2:9: error: duplicate rule id 'numpy-1', first defined at " + a + ":2:9",
                "3 errors, 1 warning in 2 files"), run.lines());
        assertEquals("", run.err());
    }

    @Test
    void filesAreLoadedTogetherInTheOrderGiven() {
        Path a = resource("bad/a.yaml");
        Path b = resource("bad/b.yaml");
        Run run = run("rules", "lint", b.toString(), a.toString());
        assertEquals(1, run.exitCode());
        assertEquals(List.of(
                a + ":2:9: error: duplicate rule id 'numpy-1', first defined at " + b + ":2:9",
                a + ":5:15: error: unknown severity 'serious' (expected info, warning, error or critical)",
                a + ":9:11: warning: waiver 'old-paper' names rule 'numpy-one', which is neither a loaded rule nor a built-in check",
                a + ":12:14: error: waiver 'old-paper' has expired (2020-01-31)",
                "3 errors, 1 warning in 1 file"), run.lines());
    }

    @Test
    void warningsAloneExitWithZero() {
        Path file = resource("warning-only.yaml");
        Run run = run("rules", "lint", file.toString());
        assertEquals(0, run.exitCode());
        assertEquals(List.of(
                file + ":3:11: warning: waiver 'renamed' names rule 'tensorflow-protobuf', which is neither a loaded rule "
                        + "nor a built-in check",
                "1 warning in 1 file"), run.lines());
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt() {
        Path missing = resource("good").resolve("missing.yaml");
        Run run = run("rules", "lint", resource("good/ml.yaml").toString(), missing.toString());
        assertEquals(2, run.exitCode());
        assertEquals("error: no such file or directory: " + missing, run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void textThatIsNotUtf8IsAUsageErrorNamingTheFile(@TempDir Path directory) throws IOException {
        Path latin1 = Files.write(directory.resolve("latin1.yaml"), new byte[]{'#', ' ', (byte) 0xE9, '\n'});
        Run run = run("rules", "lint", latin1.toString());
        assertEquals(2, run.exitCode());
        assertEquals("error: " + latin1 + ": not UTF-8 text: invalid byte 0xE9 at offset 2", run.err().strip());
    }

    @Test
    void aDirectoryWithoutRuleFilesIsAUsageError(@TempDir Path directory) {
        Run run = run("rules", "lint", directory.toString());
        assertEquals(2, run.exitCode());
        assertEquals("error: no *.yaml or *.yml files in " + directory, run.err().strip());
    }

    @Test
    void withoutAPathLintIsAUsageError() {
        Run run = run("rules", "lint");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required parameter"), run.err());
    }

    @Test
    void rulesAndLintHaveHelpAndVersion() {
        assertEquals(0, run("rules", "--help").exitCode());
        Run help = run("rules", "lint", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("file:line:column"), help.out());
        assertTrue(run("rules", "lint", "-V").out().startsWith("envaudit "));
        assertTrue(run("rules").out().contains("lint"), "the container command prints its usage");
    }
}
