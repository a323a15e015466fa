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
    @Test
    void theReadmeSetUpCommandAuditsTheSeedSample() throws Exception {
        EnvauditJar.Run run = EnvauditJar.run("", "audit", "../samples/seed-tf210-anaconda-keras.json");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("4 conflicts (2 error, 2 warning), 0 waived, 0 undecided: drifted"), run.out());
        assertEquals("", run.err(), "nothing but the report: no stack trace, no logging noise");
    }

    @Test
    void auditReadsStdinAndSpeaksJson() throws Exception {
        EnvauditJar.Run run = EnvauditJar.run(Files.readString(Path.of("../samples/seed-tf210-anaconda-keras.json")), "audit", "--format", "json", "-");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().strip().startsWith("[") && run.out().contains("\"rule\" : \"conda-depends\""), run.out());
    }

    @Test
    void theRuleFileExampleOfTheDocsLints(@TempDir Path dir) throws Exception {
        Matcher example = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("../docs/rules.md")));
        assertTrue(example.find());
        Path rules = dir.resolve("example.yaml");
        Files.writeString(rules, example.group(1));
        EnvauditJar.Run run = EnvauditJar.run("", "rules", "lint", rules.toString());
        assertFalse(run.out().contains("error:"), run.out() + run.err());
        assertEquals("", run.err());
    }

    @Test
    void theBatchCommandsAnswerFromTheJar() throws Exception {
        assertEquals("true\n", EnvauditJar.run("", "spec", "match", "--flavor", "pep440", ">=2.6,<2.9", "2.8.1").out());
        assertEquals("0\n-1\n", EnvauditJar.run("1.1\t1.1.0\n1.0.1a\t1.0.1\n", "version", "compare", "--flavor", "conda").out());
    }

    @Test
    void aLockFileConvertsFromStdinAndAListingAuditsFromTheJar() throws Exception {
        String lock = Files.readString(Path.of(ConvertCommandTest.REAL, "yi-pytorch201-cu118-deepspeed-conda-lock.yml"));
        EnvauditJar.Run converted = EnvauditJar.run(lock, "convert", "--host-id", "ci", "--collected-at", "2026-11-30", "-");
        assertEquals(0, converted.exitCode(), converted.err());
        assertEquals("", converted.err());
        assertTrue(converted.out().contains("\"source\" : \"conda-lock listing stdin\""), converted.out().substring(0, 800));
        EnvauditJar.Run audited = EnvauditJar.run("", "audit", ConvertCommandTest.REAL + "pytorch-issue88820-collect-env-pip-conda-dup-macos-arm64.txt");
        assertEquals(1, audited.exitCode(), audited.err());
        assertTrue(audited.out().contains("4 conflicts (4 error)"), audited.out());
    }
}
