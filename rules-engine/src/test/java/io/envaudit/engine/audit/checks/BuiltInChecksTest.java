package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Check;
import io.envaudit.engine.rules.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltInChecksTest {

    @Test
    void theChecksAreTheOnesDocsRulesMdTablesWithTheirSeverities() throws IOException {
        String docs = Files.readString(Path.of("../docs/rules.md"));
        String table = docs.substring(docs.indexOf("## Built-in checks"));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| ([a-z]+)").matcher(table);
        Map<String, Severity> documented = new LinkedHashMap<>();
        while (row.find()) {
            documented.put(row.group(1), Severity.parse(row.group(2)));
        }
        Map<String, Severity> implemented = new LinkedHashMap<>();
        for (Check check : BuiltInChecks.all()) {
            implemented.put(check.id(), check.defaultSeverity());
        }
        assertEquals(documented, implemented);
        assertEquals(7, implemented.size());
    }

    @Test
    void idsAndLookUp() {
        assertEquals(java.util.List.of("pip-requirements", "conda-depends", "duplicate-distribution", "channel-mix",
                "pytorch-release-pairs", "cuda-version-mix", "pytorch-cuda-selector"), BuiltInChecks.ids());
        assertEquals("channel-mix", BuiltInChecks.byId("channel-mix").orElseThrow().id());
        assertTrue(BuiltInChecks.byId("pip-check").isEmpty());
        BuiltInChecks.all().forEach(c -> assertTrue(!c.about().description().isBlank() && c.about().description().endsWith("."), c.id()));
    }
}
