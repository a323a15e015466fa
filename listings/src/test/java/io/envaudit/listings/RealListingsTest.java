package io.envaudit.listings;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every real listing: its format detected, every package line read or reported, the snapshot written and read back. */
class RealListingsTest {

    static List<RealEnvs.Expectation> expectations() {
        return RealEnvs.expectations();
    }

    @Test
    void everyCopiedListingHasAnExpectation() throws Exception {
        Path folder = Path.of(RealEnvs.class.getResource(RealEnvs.FOLDER).toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(38, files.size());
        assertEquals(files, expectations().stream().map(RealEnvs.Expectation::file).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void theFormatIsDetected(RealEnvs.Expectation expected) {
        assertEquals(expected.format(), FormatDetector.detect(RealEnvs.text(expected.file())));
    }

    /**
     * Counted from the file with no parser: its package lines. Each must become a package or a reported
     * skip, none lost. collect_env merges its two sections, so CollectEnvParserTest counts those.
     */
    @ParameterizedTest
    @MethodSource("expectations")
    void everyPackageLineBecomesAPackageOrAReportedSkip(RealEnvs.Expectation expected) {
        ParsedListing listing = RealEnvs.read(expected.file());
        assertFalse(listing.packages().isEmpty());
        if (expected.format() != ListingFormat.COLLECT_ENV) {
            assertEquals(packageLines(expected.format(), RealEnvs.text(expected.file()).lines()),
                    listing.packages().size() + listing.skipped().size(), listing.skipped().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void theSnapshotRoundTripsThroughItsJson(RealEnvs.Expectation expected) {
        EnvironmentSnapshot snapshot = ListingSnapshots.snapshot(RealEnvs.read(expected.file()),
                ListingIdentity.collectedAt(Instant.parse("2026-11-30T09:00:00Z")), expected.file());
        StringWriter json = new StringWriter();
        AvroPlainJson.write(snapshot, json);
        assertEquals(snapshot, AvroPlainJson.read(new StringReader(json.toString()), expected.file(), EnvironmentSnapshot.getClassSchema()));
    }

    private static long packageLines(ListingFormat format, List<String> lines) {
        return switch (format) {
            case CONDA_LIST, CONDA_EXPORT, PIP_FREEZE -> lines.stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
            case CONDA_EXPLICIT -> lines.stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.equals("@EXPLICIT")).count();
            case CONDA_ENV_EXPORT -> lines.subList(lines.indexOf("dependencies:") + 1, lines.size()).stream()
                    .takeWhile(l -> l.startsWith(" ") || l.startsWith("-"))
                    .filter(l -> l.strip().startsWith("- ") && !l.strip().equals("- pip:")).count();
            case CONDA_LOCK -> lines.stream().filter(l -> l.startsWith("- name: ")).count();
            case COLLECT_ENV -> throw new IllegalArgumentException("collect_env is counted in its own test");
            case UV_LOCK, POETRY_LOCK, PIXI_LOCK -> throw new IllegalArgumentException("no real listing is a " + format + " lock file");
            case CONDA_LIST_JSON, PIP_LIST, PIP_LIST_JSON -> throw new IllegalArgumentException("no real listing is a " + format + " listing");
        };
    }
}
