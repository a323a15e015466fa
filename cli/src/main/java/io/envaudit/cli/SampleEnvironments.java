package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample environments in the jar (samples/README.md): the seed sample, and the fleet converted from real
 * listings, which {@code samples/fleet/index.tsv} lists (its first column) because a jar's folders cannot be listed.
 */
final class SampleEnvironments {
    static final String SEED = "/samples/seed-tf210-anaconda-keras.json";
    private static final String FLEET = "/samples/fleet/";

    private SampleEnvironments() {
    }

    /** The class-path resources of every sample, the seed first. */
    static List<String> resources() {
        List<String> resources = new ArrayList<>(List.of(SEED));
        try (BufferedReader index = new BufferedReader(new InputStreamReader(open(FLEET + "index.tsv"), StandardCharsets.UTF_8))) {
            index.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> resources.add(FLEET + l.split("\t", 2)[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    static EnvironmentSnapshot read(String resource) {
        try (InputStream in = open(resource)) {
            return AvroPlainJson.read(new InputStreamReader(in, StandardCharsets.UTF_8), resource, EnvironmentSnapshot.getClassSchema());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = SampleEnvironments.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the jar lacks the sample " + resource);
        }
        return in;
    }
}
