package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar run as {@code bin/envaudit} runs it, in its own JVM: what the unit tests' class path
 * cannot show (a dependency the shade plugin left out, a missing service file, logging noise).
 */
class EnvauditJarIT {
    private static final EnvauditJar ENVAUDIT = new EnvauditJar(Path.of("target", "envaudit.jar"));

    @Test
    void theReadmeSetUpCommandAuditsTheSeedSample() throws Exception {
        CommandResult run = ENVAUDIT.run("", "audit", "../samples/seed-tf210-anaconda-keras.json");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("4 conflicts (2 error, 2 warning), 0 waived, 0 undecided: drifted"), run.out());
        assertEquals("", run.err(), "nothing but the report: no stack trace, no logging noise");
    }

    @Test
    void auditReadsStdinAndSpeaksJson() throws Exception {
        CommandResult run = ENVAUDIT.run(Files.readString(Path.of("../samples/seed-tf210-anaconda-keras.json")), "audit", "--format", "json", "-");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().strip().startsWith("[") && run.out().contains("\"rule\" : \"conda-depends\""), run.out());
    }

    @Test
    void theRuleFileExampleOfTheDocsLints(@TempDir Path dir) throws Exception {
        Matcher example = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("../docs/rules.md")));
        assertTrue(example.find());
        Path rules = dir.resolve("example.yaml");
        Files.writeString(rules, example.group(1));
        CommandResult run = ENVAUDIT.run("", "rules", "lint", rules.toString());
        assertFalse(run.out().contains("error:"), run.out() + run.err());
        assertEquals("", run.err());
    }

    @Test
    void theBatchCommandsAnswerFromTheJar() throws Exception {
        assertEquals("true\n", ENVAUDIT.run("", "spec", "match", "--flavor", "pep440", ">=2.6,<2.9", "2.8.1").out());
        assertEquals("0\n-1\n", ENVAUDIT.run("1.1\t1.1.0\n1.0.1a\t1.0.1\n", "version", "compare", "--flavor", "conda").out());
    }
}
