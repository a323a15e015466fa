package io.envaudit.listings;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * samples/fleet/: every sample is its listing converted with the identity samples/fleet/index.tsv gives, byte for
 * byte, so that a change to a parser shows up here and the samples cannot drift from their sources
 * (samples/fleet/regenerate.sh writes them with the same conversion, through the command line).
 */
class FleetSamplesTest {
    private static final Path FLEET = Path.of("..", "samples", "fleet");

    /** One row of index.tsv. */
    record Sample(String file, String listing, String host, String prefix, Map<String, String> labels, Instant collectedAt) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Sample> samples() throws IOException {
        try (Stream<String> lines = Files.lines(FLEET.resolve("index.tsv"))) {
            return lines.filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1)).map(c -> new Sample(c[0], c[1], c[2],
                    c[3].equals("-") ? null : c[3], labels(c[4]), Instant.parse(c[5]))).toList();
        }
    }

    private static Map<String, String> labels(String column) {
        Map<String, String> labels = new LinkedHashMap<>();
        Arrays.stream(column.split(",")).map(l -> l.split("=", 2)).forEach(kv -> labels.put(kv[0], kv[1]));
        return labels;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theSampleIsItsListingConverted(Sample sample) throws IOException {
        ParsedListing listing = RealEnvs.read(sample.listing());
        if (sample.prefix() == null) {
            assertNotNull(listing.prefix(), "a listing that states no prefix needs one in index.tsv, or the JSON would name a path of this machine");
        }
        EnvironmentSnapshot snapshot = ListingSnapshots.snapshot(listing,
                new ListingIdentity(sample.host(), null, null, sample.prefix(), sample.labels(), sample.collectedAt()), sample.listing());
        StringWriter json = new StringWriter();
        AvroPlainJson.write(snapshot, json);
        assertEquals(Files.readString(FLEET.resolve(sample.file())), json + "\n",
                "samples/fleet/" + sample.file() + " differs from its listing converted now: run samples/fleet/regenerate.sh");
    }

    @Test
    void theIndexListsEverySampleOfTheFolder() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(FLEET)) {
            files = list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).collect(Collectors.toSet());
        }
        assertEquals(files, samples().stream().map(Sample::file).collect(Collectors.toSet()));
    }
}
