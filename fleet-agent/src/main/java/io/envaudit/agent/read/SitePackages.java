package io.envaudit.agent.read;

import io.envaudit.engine.names.PackageName;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distributions installed in one {@code site-packages} (or Debian {@code dist-packages}) folder: each
 * {@code *.dist-info} folder, {@code *.egg-info} folder and {@code *.egg-info} file, as
 * {@code importlib.metadata} finds them. Where one distribution has two metadata entries at one version
 * (Debian ships {@code cryptography-38.0.4.dist-info} beside {@code cryptography.egg-info}), pip lists it
 * once, so only the first is kept, a dist-info before an egg-info; at different versions both are kept:
 * that is a real leftover, and the audit's duplicate check reports it.
 */
public final class SitePackages {
    private SitePackages() {
    }

    public static List<PythonDistribution> read(Path folder, ReadLog log) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".dist-info") || name.endsWith(".egg-info")) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            log.leftOut(new ReadProblem(folder, "cannot be listed: " + IoMessages.describe(e)));
            return List.of();
        }
        // dist-info first, then by name: the same order on every file system
        entries.sort((a, b) -> {
            boolean distA = a.getFileName().toString().endsWith(".dist-info");
            boolean distB = b.getFileName().toString().endsWith(".dist-info");
            return distA != distB ? (distA ? -1 : 1) : a.getFileName().toString().compareTo(b.getFileName().toString());
        });
        Map<String, List<PythonDistribution>> byName = new LinkedHashMap<>();
        for (Path entry : entries) {
            if (entry.getFileName().toString().startsWith("~")) {
                // pip renames a distribution to ~name while it uninstalls it; pip itself ignores such leftovers
                log.note(new ReadProblem(entry, "a leftover of an interrupted pip run; ignored, as pip does"));
                continue;
            }
            PythonDistribution distribution;
            try {
                distribution = readOne(entry, log);
            } catch (UnreadableFileException e) {
                log.leftOut(e.problem());
                continue;
            }
            List<PythonDistribution> same = byName.computeIfAbsent(PackageName.normalize(distribution.name()), k -> new ArrayList<>(1));
            if (same.stream().noneMatch(d -> d.version().equals(distribution.version()))) {
                same.add(distribution);
            }
        }
        List<PythonDistribution> out = new ArrayList<>();
        byName.values().forEach(out::addAll);
        return out;
    }

    static PythonDistribution readOne(Path entry, ReadLog log) throws UnreadableFileException {
        boolean distInfo = entry.getFileName().toString().endsWith(".dist-info");
        boolean folder = Files.isDirectory(entry);
        if (distInfo && !folder) {
            throw new UnreadableFileException(entry, "is not a folder");
        }
        Path metadataFile = distInfo ? entry.resolve("METADATA") : folder ? entry.resolve("PKG-INFO") : entry;
        CoreMetadata metadata;
        try {
            metadata = CoreMetadata.parse(TextFiles.readHeader(metadataFile, log));
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException(metadataFile, e.getMessage());
        }
        List<String> requires = metadata.requiresDist();
        if (requires.isEmpty() && !distInfo && folder) {
            // importlib.metadata reads Requires-Dist, and an egg's requires.txt only when there is none
            Path requiresTxt = entry.resolve("requires.txt");
            if (Files.exists(requiresTxt)) {
                requires = EggRequires.toRequiresDist(TextFiles.read(requiresTxt, log));
            }
        }
        String installer = folder ? optionalLine(entry.resolve("INSTALLER"), log) : null;
        DirectUrl directUrl = null;
        Path directUrlFile = entry.resolve("direct_url.json");
        if (distInfo && Files.exists(directUrlFile)) {
            try {
                directUrl = DirectUrl.parse(TextFiles.read(directUrlFile, log));
            } catch (IllegalArgumentException e) {
                log.note(new ReadProblem(directUrlFile, e.getMessage() + "; the package is reported without its origin"));
            } catch (UnreadableFileException e) {
                log.note(e.problem());
            }
        }
        return new PythonDistribution(metadata.name(), metadata.version(), requires, installer, directUrl, entry);
    }

    /** The first line of a small optional file, or null when it is absent or empty. */
    private static String optionalLine(Path file, ReadLog log) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String text = TextFiles.read(file, log).strip();
            int newline = text.indexOf('\n');
            String first = (newline < 0 ? text : text.substring(0, newline)).strip();
            return first.isEmpty() ? null : first;
        } catch (UnreadableFileException e) {
            log.note(e.problem());
            return null;
        }
    }
}
