package io.envaudit.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path root;

    @Test
    void oneHolderAtATime() throws Exception {
        Path dataDir = root.resolve("kafka");
        DataDirLock first = DataDirLock.acquire(dataDir);
        try {
            EmbeddedKafkaException refused = assertThrows(EmbeddedKafkaException.class,
                    () -> DataDirLock.acquire(dataDir));
            assertTrue(refused.getMessage().contains(dataDir + " is in use"), refused.getMessage());
            // The same dir reached through a symbolic link is the same dir.
            Path link = Files.createSymbolicLink(root.resolve("link"), dataDir);
            assertThrows(EmbeddedKafkaException.class, () -> DataDirLock.acquire(link));
        } finally {
            first.close();
        }
        DataDirLock.acquire(dataDir).close();
    }
}
