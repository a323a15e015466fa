package io.envaudit.kafka.testing;

/** A started broker, whichever kind: where clients reach it, and how it goes away. */
interface RunningBroker extends AutoCloseable {

    String bootstrapServers();

    /** Stops the broker and removes what it kept. */
    @Override
    void close();
}
