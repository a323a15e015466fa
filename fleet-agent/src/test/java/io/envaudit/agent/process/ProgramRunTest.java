package io.envaudit.agent.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the programs are POSIX shell commands")
class ProgramRunTest {
    @Test
    void outputBeyondTheCapIsReadAndDropped() throws ProgramException {
        ProgramRun.Output output = ProgramRun.run(List.of("/bin/sh", "-c",
                "head -c 5000000 /dev/zero | tr '\\0' x; echo 'warning: cache is stale' >&2; exit 3"), Duration.ofMinutes(1));
        assertEquals(3, output.exitCode());
        assertEquals(ProgramRun.MAX_OUTPUT, output.stdout().length());
        assertEquals("x".repeat(10), output.stdout().substring(0, 10));
        assertEquals("warning: cache is stale", output.firstErrorLine());
    }

    @Test
    void aProgramThatEndsButLeavesItsOutputOpenCostsTheLimit() {
        // the background sleep inherits stdout and holds it three seconds after sh has ended. sh first waits a
        // second, so that the reading threads are blocked in read() when it ends: a stream not yet read when its
        // process ends is drained and closed by the JDK's process reaper, and would end at once
        ProgramException e = assertThrows(ProgramException.class,
                () -> ProgramRun.run(List.of("/bin/sh", "-c", "sleep 1; sleep 3 & exit 0"), Duration.ofSeconds(2)));
        assertEquals("ended, but what it started kept its output open beyond 2 s", e.getMessage());
    }

    @Test
    void aProgramThatIsNotThereCannotBeRun() {
        ProgramException e = assertThrows(ProgramException.class,
                () -> ProgramRun.run(List.of("/nonexistent/conda", "info"), Duration.ofSeconds(1)));
        assertEquals("cannot be run: Cannot run program \"/nonexistent/conda\": error=2, No such file or directory", e.getMessage());
    }
}
