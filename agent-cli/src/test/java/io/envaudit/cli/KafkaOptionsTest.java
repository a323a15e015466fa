package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaOptionsTest {
    @TempDir
    Path dir;

    @Test
    void variablesNameClientPropertiesInLowerCaseWithDots() {
        assertEquals("sasl.jaas.config", KafkaOptions.propertyName("ENVAUDIT_KAFKA_SASL_JAAS_CONFIG"));
        assertEquals("security.protocol", KafkaOptions.propertyName("ENVAUDIT_KAFKA_SECURITY_PROTOCOL"));
    }

    @Test
    void theFileThenTheVariablesThenTheBootstrapOptionEachOverrideTheOneBefore() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nsecurity.protocol=PLAINTEXT\nssl.truststore.location=/etc/ts.jks\n");
        KafkaOptions options = new KafkaOptions();
        options.configFile = file;
        Map<String, Object> config = options.clientConfig(Map.of(
                "ENVAUDIT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "ENVAUDIT_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "HOME", "/home/someone"));
        assertEquals("env:9092", config.get("bootstrap.servers"));
        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("/etc/ts.jks", config.get("ssl.truststore.location"));
        assertFalse(config.containsKey("home"));

        options.bootstrapServers = "option:9092";
        assertEquals("option:9092", options.clientConfig(Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092")).get("bootstrap.servers"));
    }

    @Test
    void noBrokerAnywhereIsAnErrorSayingWhereToGiveOne() {
        KafkaOptions.UsageError error = assertThrows(KafkaOptions.UsageError.class, () -> new KafkaOptions().clientConfig(Map.of()));
        assertTrue(error.getMessage().contains("--bootstrap-servers"), error.getMessage());
    }

    @Test
    void anUnreadableFileIsNamed() {
        KafkaOptions options = new KafkaOptions();
        options.configFile = dir.resolve("missing.properties");
        KafkaOptions.UsageError error = assertThrows(KafkaOptions.UsageError.class, () -> options.clientConfig(Map.of()));
        assertTrue(error.getMessage().contains("missing.properties"), error.getMessage());
    }
}
