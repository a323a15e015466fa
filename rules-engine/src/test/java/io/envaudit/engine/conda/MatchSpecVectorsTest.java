package io.envaudit.engine.conda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.version.InvalidSpecException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every line of the conda MatchSpec vectors. Rows whose note says they depend on conda's channel
 * configuration ({@code channel-config}) are checked except for the channel name conda would resolve
 * ({@code defaults}, {@code pkgs/free} for repo.anaconda.com URLs, the name after channel_alias): we
 * keep the channel as written, so for those rows the canonical string is compared from {@code ::} on
 * and the parsed channel is compared with {@link MatchSpec#sameChannel}.
 */
class MatchSpecVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean channelConfig(CondaVectors.Row row) {
        return row.note() != null && row.note().contains("channel-config");
    }

    @TestFactory
    Stream<DynamicTest> matchspecMatch() {
        return CondaVectors.rows("matchspec-match.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            JsonNode r = JSON.readTree(row.get(1));
            Map<String, String> other = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : r.properties()) {
                if (!Map.of("name", 1, "version", 1, "build", 1, "build_number", 1, "channel", 1, "subdir", 1).containsKey(e.getKey())) {
                    other.put(e.getKey(), e.getValue().asText());
                }
            }
            CondaRecord record = new CondaRecord(r.path("name").asText(), r.path("version").asText(), r.path("build").asText(),
                    r.path("build_number").asLong(), r.hasNonNull("channel") ? r.get("channel").asText() : null,
                    r.hasNonNull("subdir") ? r.get("subdir").asText() : null, other);
            assertEquals(Boolean.parseBoolean(row.get(2)), MatchSpec.parse(row.get(0)).matches(record));
        }));
    }

    @TestFactory
    Stream<DynamicTest> matchspecInvalid() {
        return CondaVectors.rows("matchspec-invalid.txt").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> MatchSpec.parse(row.get(0)));
            assertEquals(row.get(0), e.input());
        }));
    }

    @TestFactory
    Stream<DynamicTest> matchspecValid() {
        return CondaVectors.rows("matchspec-valid.txt").stream().map(row -> DynamicTest.dynamicTest(row.toString(),
                () -> assertDoesNotThrow(() -> MatchSpec.parse(row.get(0)))));
    }

    @TestFactory
    Stream<DynamicTest> channelMatch() {
        return CondaVectors.rows("channel-match.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () ->
                assertEquals(Boolean.parseBoolean(row.get(2)), MatchSpec.sameChannel(row.get(0), row.get(1)))));
    }

    @TestFactory
    Stream<DynamicTest> matchspecParse() {
        return CondaVectors.rows("matchspec-parse.tsv").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            String input = row.get(0);
            String kind = row.get(7);
            String extra = row.get(8);
            switch (kind) {
                case "canonical":
                    String actual = MatchSpec.parse(input).toString();
                    if (channelConfig(row)) {
                        assertEquals(afterChannel(row.get(6)), afterChannel(actual));
                    } else {
                        assertEquals(row.get(6), actual);
                    }
                    break;
                case "parse":
                    Map<String, String> fields = MatchSpecParser.rawFields(input);
                    String[] names = {"channel", "subdir", "name", "version", "build"};
                    for (int i = 0; i < names.length; i++) {
                        String expected = row.get(1 + i);
                        String got = fields.get(names[i]);
                        if (names[i].equals("channel") && channelConfig(row) && got != null) {
                            assertEquals(true, MatchSpec.sameChannel(expected, got), "channel " + got + " vs " + expected);
                            continue;
                        }
                        assertEquals(expected.equals("<none>") ? null : expected, got, names[i]);
                    }
                    if (!extra.isEmpty()) {
                        for (Map.Entry<String, JsonNode> e : JSON.readTree(extra).properties()) {
                            assertEquals(e.getValue().asText(), fields.get(e.getKey()), e.getKey());
                        }
                    }
                    break;
                case "exact":
                    MatchSpec spec = MatchSpec.parse(input);
                    check(row.get(3), spec.nameMatch().isExact() ? spec.name() : null);
                    check(row.get(4), spec.version() != null && CondaVersionVectorsTest.isExact(spec.version())
                            ? spec.version().toString() : null);
                    check(row.get(5), spec.build() != null && spec.build().isExact() ? spec.build().value() : null);
                    break;
                case "name":
                    assertEquals(row.get(3), MatchSpec.parse(input).name());
                    break;
                case "cbform":
                    assertEquals(JSON.readTree(extra).get("conda_build_form").asText(), MatchSpec.parse(input).condaBuildForm());
                    break;
                case "envform":
                    assertEquals(JSON.readTree(extra).get("conda_env_form").asText(), MatchSpec.parse(input).condaEnvForm());
                    break;
                default:
                    throw new IllegalArgumentException("unknown kind " + kind);
            }
        }));
    }

    private static void check(String expected, String actual) {
        if (!expected.isEmpty()) {
            assertEquals(expected.equals("<none>") ? null : expected, actual);
        }
    }

    private static String afterChannel(String canonical) {
        int sep = canonical.indexOf("::");
        return sep < 0 ? canonical : canonical.substring(sep + 2);
    }
}
