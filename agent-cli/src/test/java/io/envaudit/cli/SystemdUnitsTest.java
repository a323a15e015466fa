package io.envaudit.cli;

import io.envaudit.agent.config.AgentConfigReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The systemd units of deploy/systemd: systemd itself finds nothing wrong in them ({@code systemd-analyze verify},
 * which also warns of unknown keys), and the agent command line each starts is one the agent's own parser accepts,
 * with the example configuration files it names loading cleanly.
 */
class SystemdUnitsTest {
    private static final Path UNITS = Path.of("..", "deploy", "systemd");

    @TempDir
    Path folder;

    /** ExecStart, its continuation lines joined, split into words (the units quote nothing). */
    private static List<String> execStart(String unit) throws IOException {
        String text = Files.readString(UNITS.resolve(unit), StandardCharsets.UTF_8).replace("\\\n", " ");
        String line = text.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        return Arrays.asList(line.substring("ExecStart=".length()).trim().split("\\s+"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"envaudit-agent.service", "envaudit-agent-once.service"})
    void theAgentAcceptsTheCommandLineOfTheUnit(String unit) throws Exception {
        List<String> words = execStart(unit);
        assertEquals("/usr/bin/java", words.get(0));
        int jar = words.indexOf("-jar");
        assertEquals("/opt/envaudit/envaudit-agent.jar", words.get(jar + 1));
        List<String> arguments = new ArrayList<>();
        for (String word : words.subList(jar + 2, words.size())) {
            arguments.add(word.replace("${CREDENTIALS_DIRECTORY}", "/run/credentials/" + unit).replace("${STATE_DIRECTORY}", "/var/lib/envaudit-agent"));
        }
        CommandLine.ParseResult parsed = new CommandLine(new EnvauditAgentCommand()).parseArgs(arguments.toArray(String[]::new));
        CommandLine.ParseResult publish = parsed.subcommand().subcommand();
        assertEquals("publish", publish.commandSpec().name());
        assertEquals("/run/credentials/" + unit + "/kafka.properties", publish.matchedOptionValue("--kafka-config", null).toString());
        assertEquals(Path.of("/var/lib/envaudit-agent/published.properties"), publish.matchedOptionValue("--state", null));
        assertTrue(publish.hasMatchedOption("--once") != publish.hasMatchedOption("--interval"));
        assertTrue(publish.hasMatchedOption("--once") == unit.endsWith("-once.service"));
    }

    @Test
    void theExampleConfigurationAndKafkaPropertiesLoad() throws Exception {
        new AgentConfigReader(folder).read(UNITS.resolve("agent.yaml"));
        Properties kafka = new Properties();
        try (Reader in = Files.newBufferedReader(UNITS.resolve("agent-kafka.properties"), StandardCharsets.UTF_8)) {
            kafka.load(in);
        }
        assertTrue(kafka.getProperty("bootstrap.servers").contains(":"));
        assertEquals("SASL_SSL", kafka.getProperty("security.protocol"));
    }

    @Test
    void systemdFindsNothingWrongInTheUnits() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze) && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(analyze + " is missing: .ci/run installs systemd");
        }
        Assumptions.assumeTrue(Files.isExecutable(analyze), "needs systemd-analyze (apt-get install systemd)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")), "the units start /usr/bin/java, which must exist for verify");
        Process verify = new ProcessBuilder(analyze.toString(), "verify", "envaudit-agent.service", "envaudit-agent-once.service",
                "envaudit-agent.timer").directory(UNITS.toFile()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), output);
        assertEquals("", output.strip(), "no warning: an unknown key is only a warning to systemd");
    }
}
