package io.envaudit.kafka.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;

/** {@link EmbeddedKafka} in a data dir of its own, deleted when the broker stops. */
final class EmbeddedBroker implements RunningBroker {
    private final Path dataDir;
    private final EmbeddedKafka kafka;

    private EmbeddedBroker(Path dataDir, EmbeddedKafka kafka) {
        this.dataDir = dataDir;
        this.kafka = kafka;
    }

    static EmbeddedBroker start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("envaudit-it-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data dir for the test broker", e);
        }
        try {
            return new EmbeddedBroker(dataDir, EmbeddedKafka.start(EmbeddedKafkaConfig.at(dataDir)));
        } catch (RuntimeException e) {
            delete(dataDir);
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            delete(dataDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            // Deepest first, so that every directory is empty when its turn comes.
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test broker's data dir " + dir, e);
        }
    }
}
