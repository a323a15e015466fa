package io.envaudit.kafka.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which broker {@link KafkaBroker} starts: the system property {@value #PROPERTY}, else the environment
 * variable {@value #VARIABLE}, else {@link #EMBEDDED}.
 */
enum BrokerKind {
    /** The project's own in-process broker, the one {@code envaudit up} runs. */
    EMBEDDED {
        @Override
        RunningBroker start() {
            return EmbeddedBroker.start();
        }
    },
    /** Testcontainers' Kafka module with the {@code apache/kafka} image; needs a Docker engine. */
    TESTCONTAINERS {
        @Override
        RunningBroker start() {
            return ContainerBroker.start(ContainerBroker.image());
        }
    };

    static final String PROPERTY = "envaudit.it.kafka";
    static final String VARIABLE = "ENVAUDIT_IT_KAFKA";

    abstract RunningBroker start();

    /** The name used in the property and the variable. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BrokerKind selected() {
        return parse(setting(PROPERTY, VARIABLE));
    }

    /** {@code null} (not set) is {@link #EMBEDDED}; anything but a kind's {@link #key()} is refused, naming both. */
    static BrokerKind parse(String value) {
        if (value == null) {
            return EMBEDDED;
        }
        for (BrokerKind kind : values()) {
            if (kind.key().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(PROPERTY + " (or " + VARIABLE + ") is '" + value + "': expected one of "
                + Arrays.stream(values()).map(BrokerKind::key).collect(Collectors.joining(", ")));
    }

    /** The system property if set and not blank, else the environment variable if so, else {@code null}. */
    static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
