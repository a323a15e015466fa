package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 38 real listings through the commands, as a user runs them: {@code audit FILE} exits with the verdict
 * expectations.yaml gives each (1 for a conflict of severity error or above, 0 for clean and may-warn), and the
 * snapshot {@code convert} prints audits exactly as the listing does. The verdicts themselves are judged in detail,
 * package by package, by the listings module's RealListingExpectationsTest.
 */
class RealListingCommandsTest {
    private static final Path REAL = Path.of("..", "listings", "src", "test", "resources", "real-envs");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Listing(String file, String verdict) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** expectations.yaml's entries that hold today (a pending one says why it does not, and is asserted to fail there). */
    @SuppressWarnings("unchecked")
    static List<Listing> listings() throws IOException {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(REAL.resolve("expectations.yaml")));
        return ((List<Map<String, Object>>) root.get("listings")).stream().filter(e -> e.get("pending") == null)
                .map(e -> new Listing((String) e.get("file"), (String) e.get("verdict"))).toList();
    }

    @ParameterizedTest
    @MethodSource("listings")
    void auditExitsWithTheListingsVerdict(Listing listing) {
        CommandResult audit = CommandResult.inProcess(new EnvauditAgentCommand(), "audit", file(listing));
        assertEquals(listing.verdict().equals("conflict") ? 1 : 0, audit.exitCode(), audit.out() + audit.err());
    }

    @ParameterizedTest
    @MethodSource("listings")
    void theConvertedSnapshotAuditsAsTheListingDoes(Listing listing, @TempDir Path dir) throws IOException {
        CommandResult converted = CommandResult.inProcess(new EnvauditAgentCommand(), "convert", file(listing));
        assertEquals(0, converted.exitCode(), converted.err());
        Path json = Files.writeString(dir.resolve("snapshot.json"), converted.out());
        CommandResult fromListing = CommandResult.inProcess(new EnvauditAgentCommand(), "audit", "--format", "json", file(listing));
        CommandResult fromJson = CommandResult.inProcess(new EnvauditAgentCommand(), "audit", "--format", "json", json.toString());
        assertEquals(fromListing.exitCode(), fromJson.exitCode());
        JsonNode listingReport = JSON.readTree(fromListing.out().replace(file(listing), "FILE"));
        JsonNode jsonReport = JSON.readTree(fromJson.out().replace(json.toString(), "FILE"));
        // the snapshot keeps what was read, not the lines left out: those are the listing's own, the ones convert warned of
        JsonNode skipped = ((ObjectNode) listingReport.get(0)).remove("skipped_lines");
        assertEquals(converted.err().lines().filter(l -> l.startsWith("warning: " + file(listing) + ":")).count(), skipped.size());
        assertEquals(0, ((ObjectNode) jsonReport.get(0)).remove("skipped_lines").size());
        assertEquals(listingReport, jsonReport);
    }

    private static String file(Listing listing) {
        return REAL.resolve("envs").resolve(listing.file()).toString();
    }
}
