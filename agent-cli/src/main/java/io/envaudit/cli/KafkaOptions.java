package io.envaudit.cli;

import io.envaudit.engine.text.IoFailures;
import io.envaudit.topics.EnvauditTopics;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a command reaches an existing Kafka cluster, shared by every command that does. Client properties
 * come, each overriding the one before, from {@code --kafka-config FILE} (Java properties, any Kafka client
 * property: SASL_SSL, truststores...), from {@code ENVAUDIT_KAFKA_*} variables
 * ({@code ENVAUDIT_KAFKA_SECURITY_PROTOCOL=SASL_SSL} is {@code security.protocol}), and from
 * {@code --bootstrap-servers} or {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
final class KafkaOptions {
    static final String ENV_PREFIX = "ENVAUDIT_KAFKA_";
    static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT,...",
            description = "Kafka brokers to connect to (default: $" + BOOTSTRAP_ENV + ").")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (security, SASL, TLS...); ENVAUDIT_KAFKA_* variables override them.")
    Path configFile;

    @Option(names = "--topic-prefix", defaultValue = EnvauditTopics.DEFAULT_PREFIX,
            description = "Prefix of the envaudit topics (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    /** The client properties, or an error naming what is missing or unreadable. */
    Map<String, Object> clientConfig(Map<String, String> environment) throws UsageError {
        Map<String, Object> config = new TreeMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(configFile)) {
                file.load(in);
            } catch (IOException e) {
                throw new UsageError("cannot read the Kafka client properties " + configFile + ": " + IoFailures.describe(e));
            }
            file.stringPropertyNames().forEach(name -> config.put(name, file.getProperty(name)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                config.put(propertyName(name), value);
            }
        });
        String bootstrap = bootstrapServers != null ? bootstrapServers : environment.get(BOOTSTRAP_ENV);
        if (bootstrap != null && !bootstrap.isBlank()) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        if (!config.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new UsageError("no Kafka to connect to: give --bootstrap-servers, set " + BOOTSTRAP_ENV
                    + ", or put bootstrap.servers in --kafka-config");
        }
        return config;
    }

    /** {@code ENVAUDIT_KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}. */
    static String propertyName(String variable) {
        return variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** A problem with what the user gave: printed as {@code error: <message>}, exit 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
