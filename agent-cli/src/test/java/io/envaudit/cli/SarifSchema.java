package io.envaudit.cli;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The official SARIF 2.1.0 JSON schema (test resource {@code sarif/}, whose PROVENANCE.md says where it comes from),
 * with a validator that also checks the formats it names ({@code uri}, {@code uri-reference}, {@code date-time}).
 */
final class SarifSchema {
    private static final Schema SCHEMA = load();

    private SarifSchema() {
    }

    private static Schema load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try (InputStream in = SarifSchema.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            return registry.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with the log, one line each; empty when it is valid. */
    static List<String> problems(String sarif) {
        return SCHEMA.validate(sarif, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    static void assertValid(String sarif) {
        assertEquals(List.of(), problems(sarif), sarif);
    }
}
