package io.envaudit.listings;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The real listings of {@code src/test/resources/real-envs/} (PROVENANCE.md there says where each comes from)
 * and what each is known to show ({@code expectations.yaml}).
 */
final class RealEnvs {
    static final String FOLDER = "/real-envs/envs/";

    /**
     * One entry of expectations.yaml.
     *
     * @param rules rule or check ids, each with the packages one of its conflicts of severity error or above must name
     */
    record Expectation(String file, ListingFormat format, String verdict, List<String> packages, List<String> never,
                       Map<String, List<String>> rules, String pending) {
        @Override
        public String toString() {
            return file;
        }
    }

    private RealEnvs() {
    }

    static byte[] bytes(String file) {
        return resource(FOLDER + file);
    }

    static ListingText text(String file) {
        return ListingText.of(file, bytes(file));
    }

    static ParsedListing read(String file) {
        return Listings.read(text(file), null);
    }

    /** The keys an entry of expectations.yaml may have; its header says what each means. */
    private static final Set<String> KEYS = Set.of("file", "format", "verdict", "packages", "never", "rules", "pending");

    @SuppressWarnings("unchecked")
    static List<Expectation> expectations() {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(new String(resource("/real-envs/expectations.yaml"), StandardCharsets.UTF_8));
        return ((List<Map<String, Object>>) root.get("listings")).stream().map(e -> {
            Set<String> unknown = new TreeSet<>(e.keySet());
            unknown.removeAll(KEYS);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("expectations.yaml: the entry of " + e.get("file") + " has unknown keys " + unknown
                        + " (known: " + new TreeSet<>(KEYS) + ")");
            }
            return new Expectation(
                    (String) e.get("file"),
                    ListingFormat.byId((String) e.get("format")),
                    (String) e.get("verdict"),
                    (List<String>) e.getOrDefault("packages", List.of()),
                    (List<String>) e.getOrDefault("never", List.of()),
                    (Map<String, List<String>>) e.getOrDefault("rules", Map.of()),
                    (String) e.get("pending"));
        }).toList();
    }

    /** A test resource by its absolute name. */
    static byte[] resource(String name) {
        try (InputStream in = RealEnvs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
