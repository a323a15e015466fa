package io.envaudit.engine.audit.checks;

import io.envaudit.engine.pep440.Pep440Version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's published pairing of torch with torchvision and torchaudio releases ({@code pytorch-releases.tsv}
 * beside this class; its sources are pytorch.org's "previous versions" install commands, the torchvision
 * README's table and the torchaudio compatibility matrix, cited per row). A cell is an exact release
 * ({@code 2.4.1}) or, where a table gives only minors, a whole minor ({@code 2.10}).
 */
final class PytorchReleases {
    static final String TORCHVISION = "torchvision";
    static final String TORCHAUDIO = "torchaudio";
    private static final String RESOURCE = "pytorch-releases.tsv";

    /** A version as a table cell gives it: one release, or any release of a minor. */
    record Cell(Pep440Version version, boolean wholeMinor, String text) {
        static Cell parse(String text) {
            Pep440Version version = Pep440Version.parse(text);
            return new Cell(version, version.release().length == 2, text);
        }

        boolean sameMinor(Pep440Version other) {
            return version.major() == other.major() && version.minor() == other.minor();
        }

        /** Whether this cell is the given release: the same release, or any of the cell's whole minor. */
        boolean admits(Pep440Version other) {
            return wholeMinor ? sameMinor(other) : version.equals(other.publicVersion());
        }

        String minorText() {
            return version.major() + "." + version.minor();
        }
    }

    /** One row: a torch release and a release of one library that the tables pair with it. */
    record Pair(Cell torch, Cell library) {
    }

    private static final PytorchReleases TABLE = load();

    private final Map<String, List<Pair>> pairs;

    private PytorchReleases(Map<String, List<Pair>> pairs) {
        this.pairs = pairs;
    }

    static PytorchReleases table() {
        return TABLE;
    }

    /**
     * The rows for a final release of a library: those naming that very release, or, when the tables do not
     * name it, those of its minor. Empty when the tables know neither.
     */
    List<Pair> forRelease(String library, Pep440Version release) {
        List<Pair> exact = pairs.get(library).stream().filter(p -> !p.library().wholeMinor() && p.library().admits(release)).toList();
        return exact.isEmpty() ? forMinor(library, release) : exact;
    }

    /** The rows of a library's minor. */
    List<Pair> forMinor(String library, Pep440Version version) {
        return pairs.get(library).stream().filter(p -> p.library().sameMinor(version)).toList();
    }

    /** The library releases the tables pair with exactly this torch release, newest first as the table lists them. */
    List<Cell> libraryFor(String library, Pep440Version torch) {
        return pairs.get(library).stream().filter(p -> !p.torch().wholeMinor() && p.torch().admits(torch)
                && !p.library().wholeMinor()).map(Pair::library).toList();
    }

    private static PytorchReleases load() {
        Map<String, List<Pair>> pairs = Map.of(TORCHVISION, new ArrayList<>(), TORCHAUDIO, new ArrayList<>());
        try (InputStream in = PytorchReleases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header: torch, torchvision, torchaudio, source
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] columns = line.split("\t", -1);
                if (columns.length != 4) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": expected torch, torchvision, torchaudio, source");
                }
                Cell torch = Cell.parse(columns[0]);
                add(pairs.get(TORCHVISION), torch, columns[1]);
                add(pairs.get(TORCHAUDIO), torch, columns[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PytorchReleases(Map.of(TORCHVISION, List.copyOf(pairs.get(TORCHVISION)),
                TORCHAUDIO, List.copyOf(pairs.get(TORCHAUDIO))));
    }

    private static void add(List<Pair> pairs, Cell torch, String library) {
        if (!library.equals("-")) {
            pairs.add(new Pair(torch, Cell.parse(library)));
        }
    }
}
