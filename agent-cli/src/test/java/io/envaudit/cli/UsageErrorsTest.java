package io.envaudit.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command line picocli cannot parse gets one error line and a pointer to the usage, not the whole usage. */
class UsageErrorsTest {

    @Test
    void anUnknownOptionIsOneErrorLineAndWhereToReadTheUsage() {
        CommandResult result = CommandResult.inProcess(new EnvauditAgentCommand(), "audit", "--no-such-option", "env.txt");
        assertEquals(2, result.exitCode());
        assertEquals(List.of("error: Unknown option: '--no-such-option'", "Run 'envaudit-agent audit --help' for its usage."),
                result.err().lines().toList());
        assertEquals("", result.out());
    }

    @Test
    void aValueThatDoesNotConvertSaysWhichOption() {
        CommandResult result = CommandResult.inProcess(new EnvauditAgentCommand(), "agent", "publish", "--once", "--heartbeat-every", "many");
        assertEquals(2, result.exitCode());
        List<String> err = result.err().lines().toList();
        assertTrue(err.get(0).startsWith("error: ") && err.get(0).contains("--heartbeat-every") && err.get(0).contains("many"), result.err());
        assertEquals("Run 'envaudit-agent agent publish --help' for its usage.", err.get(err.size() - 1));
        assertTrue(err.stream().noneMatch(line -> line.startsWith("Usage:")), result.err());
    }

    @Test
    void aMistypedCommandGetsPicocliSuggestions() {
        CommandResult result = CommandResult.inProcess(new EnvauditAgentCommand(), "audti", "env.txt");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: Unmatched arguments from index 0: 'audti', 'env.txt'"), result.err());
        assertTrue(result.err().contains("audit"), "suggests audit: " + result.err());
        assertTrue(result.err().endsWith("Run 'envaudit-agent --help' for its usage." + System.lineSeparator()), result.err());
    }
}
