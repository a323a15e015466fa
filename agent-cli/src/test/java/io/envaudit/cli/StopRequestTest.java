package io.envaudit.cli;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopRequestTest {

    @Test
    void aFailureAsksToStopAndTheFirstIsTheOneReported() throws Exception {
        try (StopRequest stop = StopRequest.onSignals()) {
            assertFalse(stop.isRequested());
            stop.fail("the auditor stopped on an error");
            stop.fail("a later consequence");
            stop.await();
            assertTrue(stop.isRequested());
            assertEquals(Optional.of("the auditor stopped on an error"), stop.failure());
        }
    }

    /** SIGTERM sent to this very JVM: handled, it asks to stop; unhandled, it would end the test run. */
    @Test
    void sigtermAsksToStopInsteadOfEndingTheJvm() throws Exception {
        try (StopRequest stop = StopRequest.onSignals()) {
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stop.isRequested() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(stop.isRequested());
            assertEquals(Optional.empty(), stop.failure(), "a signal is no failure");
        }
    }
}
