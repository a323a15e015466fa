package io.envaudit.kafka.embedded;

import static io.envaudit.kafka.embedded.EmbeddedKafkaIT.millisSince;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that runs out of time fails at once, and the broker it began is stopped behind it. */
// Tests the embedded launcher's start timeout: embedded only, whatever envaudit.it.kafka says.
@Tag("embedded-only")
class EmbeddedKafkaStartTimeoutIT {

    @TempDir
    Path root;

    @Test
    void timedOutStartFailsAndReleasesTheDataDirOnceKafkaReturns() throws Exception {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.under(root);

        long started = System.nanoTime();
        EmbeddedKafkaException timedOut = assertThrows(EmbeddedKafkaException.class,
                () -> EmbeddedKafka.start(config.withStartTimeout(Duration.ofMillis(1))).close());
        System.out.printf("EmbeddedKafkaStartTimeoutIT: timed out after %d ms%n", millisSince(started));
        assertTrue(timedOut.getMessage().contains("did not start within 1 ms"), timedOut.getMessage());

        started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
                System.out.printf("EmbeddedKafkaStartTimeoutIT: started again at %s after %d ms%n",
                        kafka.bootstrapServers(), millisSince(started));
                return;
            } catch (EmbeddedKafkaException stillHeld) {
                if (!stillHeld.getMessage().contains("is in use") || System.nanoTime() > deadline) {
                    fail("the timed-out broker did not release " + config.dataDir(), stillHeld);
                }
                Thread.sleep(200);
            }
        }
    }
}
