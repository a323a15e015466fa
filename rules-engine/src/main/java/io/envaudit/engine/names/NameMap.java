package io.envaudit.engine.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One distribution across ecosystems: conda's {@code pytorch} is PyPI's {@code torch}, {@code py-opencv}
 * carries {@code opencv-python}, {@code tensorflow-base} is TensorFlow's code on defaults. Rules are
 * written with PyPI names; conda records are looked up through this map, by their conda names as conda
 * spells them (only PyPI names are PEP 503-normalized). Its data and sources are in {@code names/README.md}.
 */
public final class NameMap {
    /** What a conda package is to a PyPI distribution. */
    public enum Role {
        /** It carries the distribution's code (tensorflow-base, numpy-base, keras-base). */
        IMPLEMENTATION,
        /** It only pulls an implementation in (tensorflow-gpu, keras-gpu, numpy on defaults). */
        METAPACKAGE
    }

    /** A conda package's part in a PyPI distribution. */
    public record Part(String distribution, Role role) {
    }

    private static final NameMap BUILT_IN = load();

    private final Map<String, String> condaToPypi;
    private final Map<String, List<Part>> parts;

    private NameMap(Map<String, String> condaToPypi, Map<String, List<Part>> parts) {
        this.condaToPypi = Map.copyOf(condaToPypi);
        this.parts = Map.copyOf(parts);
    }

    public static NameMap builtIn() {
        return BUILT_IN;
    }

    /**
     * The PyPI distribution (PEP 503 normalized) a conda package installs; its own name, normalized, when
     * unmapped. The conda name is looked up as conda spells it (conda names are lower case): two conda
     * packages whose names differ only in separators are two packages, such as conda-forge's
     * {@code ruamel.yaml} (PyPI's ruamel.yaml) and defaults' {@code ruamel_yaml} (PyPI's ruamel-yaml-conda).
     */
    public String pypiNameOfConda(String condaName) {
        String mapped = condaToPypi.get(condaKey(condaName));
        return mapped != null ? mapped : PackageName.normalize(condaName);
    }

    /**
     * The role of a conda package in its distribution, when the data records one. A metapackage counts as
     * the distribution only when no implementation of it is installed beside it.
     */
    public Optional<Role> roleOf(String condaName, String distribution) {
        List<Part> known = parts.get(condaKey(condaName));
        if (known == null) {
            return Optional.empty();
        }
        String wanted = PackageName.normalize(distribution);
        return known.stream().filter(p -> p.distribution().equals(wanted)).map(Part::role).findFirst();
    }

    private static NameMap load() {
        Map<String, String> condaToPypi = new HashMap<>();
        read("conda-pypi-names.tsv", columns ->
                condaToPypi.put(condaKey(columns[0]), PackageName.normalize(columns[1])));
        Map<String, List<Part>> parts = new HashMap<>();
        read("distribution-parts.tsv", columns -> parts.merge(condaKey(columns[0]),
                List.of(new Part(PackageName.normalize(columns[1]), Role.valueOf(columns[2].toUpperCase(Locale.ROOT)))),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        return new NameMap(condaToPypi, parts);
    }

    /** A conda name as the map keys it: as written, in conda's lower case; never PEP 503 normalized. */
    private static String condaKey(String condaName) {
        return condaName.strip().toLowerCase(Locale.ROOT);
    }

    private static void read(String resource, Consumer<String[]> row) {
        try (InputStream in = NameMap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length < 3) {
                    throw new IllegalStateException(resource + ":" + lineNumber + ": expected the columns of " + header);
                }
                row.accept(columns);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
