package io.envaudit.listings;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The real listings of {@code src/test/resources/real-envs/} (PROVENANCE.md there says where each comes from)
 * and what each is known to show ({@code expectations.yaml}).
 */
final class RealEnvs {
    static final String FOLDER = "/real-envs/envs/";

    /** One entry of expectations.yaml. */
    record Expectation(String file, ListingFormat format, String verdict, List<String> packages, List<String> never,
                       String pending) {
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

    @SuppressWarnings("unchecked")
    static List<Expectation> expectations() {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(new String(resource("/real-envs/expectations.yaml"), StandardCharsets.UTF_8));
        return ((List<Map<String, Object>>) root.get("listings")).stream().map(e -> new Expectation(
                (String) e.get("file"),
                ListingFormat.byId((String) e.get("format")),
                (String) e.get("verdict"),
                (List<String>) e.getOrDefault("packages", List.of()),
                (List<String>) e.getOrDefault("never", List.of()),
                (String) e.get("pending"))).toList();
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
