package io.envaudit.kafka.embedded;

import java.nio.file.Path;

/** Run in a child JVM by the lock test: tries to start a broker on a data dir another process holds. */
public final class SecondProcess {

    static final int EXIT_REFUSED = 3;

    private SecondProcess() {
    }

    public static void main(String[] args) {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(Path.of(args[0])))) {
            System.out.println("started at " + kafka.bootstrapServers() + " although the data dir is held");
        } catch (EmbeddedKafkaException e) {
            System.out.println(e.getMessage());
            System.exit(EXIT_REFUSED);
        }
    }
}
