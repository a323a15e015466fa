package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the files an audit reads are named in SARIF: from the working directory, which code scanning takes as the repository's root. */
class SarifArtifactsTest {

    @Test
    void aFileUnderTheWorkingDirectoryIsARelativeUriUnderSrcroot(@TempDir Path repo) throws Exception {
        SarifArtifacts artifacts = new SarifArtifacts(repo, List.of("environment.yml", "./envs/ml team/requirements.txt",
                repo.resolve("conda-lock.yml").toString(), "envs/a:b.txt"));
        assertEquals("environment.yml", artifacts.uri("environment.yml"));
        assertEquals("envs/ml%20team/requirements.txt", artifacts.uri("./envs/ml team/requirements.txt"));
        assertEquals("conda-lock.yml", artifacts.uri(repo.resolve("conda-lock.yml").toString()));
        assertEquals("envs/a:b.txt", artifacts.uri("envs/a:b.txt"));
        assertEquals(repo.toUri().toString(), artifacts.sourceRoot());
        assertTrue(artifacts.sourceRoot().endsWith("/"), artifacts.sourceRoot());

        JsonNode location = location(artifacts, "./envs/ml team/requirements.txt");
        assertEquals("envs/ml%20team/requirements.txt", location.get("uri").asText());
        assertEquals(SarifArtifacts.SOURCE_ROOT, location.get("uriBaseId").asText());
        assertEquals(1, location.get("index").asInt());
    }

    @Test
    void aFirstSegmentWithAColonIsNotReadAsAScheme(@TempDir Path repo) {
        assertEquals("./c:env.yml", new SarifArtifacts(repo, List.of("c:env.yml")).uri("c:env.yml"));
    }

    @Test
    void aFileOutsideTheWorkingDirectoryIsAnAbsoluteFileUri(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        SarifArtifacts artifacts = new SarifArtifacts(repo, List.of("../elsewhere/env.yml"));
        assertEquals(dir.resolve("elsewhere/env.yml").toUri().toString(), artifacts.uri("../elsewhere/env.yml"));
        JsonNode location = location(artifacts, "../elsewhere/env.yml");
        assertFalse(location.has("uriBaseId"), location.toString());
    }

    @Test
    void oneArtifactPerFileHoweverItIsNamedAndStdinHasNoLocation(@TempDir Path repo) throws Exception {
        SarifArtifacts artifacts = new SarifArtifacts(repo, List.of("environment.yml", "-", "./environment.yml"));
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            artifacts.writeArtifacts(json, Set.of("./environment.yml"));
            json.writeEndObject();
        }
        JsonNode written = new ObjectMapper().readTree(out.toString()).get("artifacts");
        assertEquals(2, written.size(), written.toString());
        assertEquals("environment.yml", written.get(0).get("location").get("uri").asText());
        assertFalse(written.get(1).has("location"), written.toString());
        assertEquals("[\"analysisTarget\",\"standardStream\"]", written.get(1).get("roles").toString());
        assertTrue(written.get(0).get("properties").get("partial").asBoolean(), "partial, by whichever name it was given: " + written);
        assertFalse(written.get(1).has("properties"), written.toString());
        assertEquals(0, location(artifacts, "./environment.yml").get("index").asInt());
        assertEquals("-", artifacts.uri("-"));
    }

    private static JsonNode location(SarifArtifacts artifacts, String name) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            artifacts.writeLocation(json, "artifactLocation", name);
            json.writeEndObject();
        }
        return new ObjectMapper().readTree(out.toString()).get("artifactLocation");
    }
}
