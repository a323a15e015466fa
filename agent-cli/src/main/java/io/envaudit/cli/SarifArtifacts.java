package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files an audit was given, as the SARIF run's artifacts: one per file, named by a URI relative to the
 * working directory under the base id {@code %SRCROOT%} (code scanning reads relative URIs as paths from the
 * repository's root, so the audit runs there). A file outside the working directory gets an absolute
 * {@code file:} URI; standard input has no location at all.
 */
final class SarifArtifacts {
    static final String SOURCE_ROOT = "%SRCROOT%";

    /** Where an artifact is: a URI relative to {@link #SOURCE_ROOT}, an absolute URI, or nowhere (stdin). */
    private record Location(String uri, boolean relative) {
    }

    private final Path workingDirectory;
    private final Map<String, Integer> indexByName = new LinkedHashMap<>();
    private final List<Location> locations = new ArrayList<>();

    /** @param names the files as the command line named them, {@code -} for stdin; one artifact per distinct file */
    SarifArtifacts(Path workingDirectory, List<String> names) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        Map<Location, Integer> indexByLocation = new LinkedHashMap<>();
        for (String name : names) {
            Location location = locate(name);
            Integer index = indexByLocation.computeIfAbsent(location, l -> {
                locations.add(l);
                return locations.size() - 1;
            });
            indexByName.put(name, index);
        }
    }

    private Location locate(String name) {
        if (name.equals(InputFile.STDIN)) {
            return new Location(null, false);
        }
        Path absolute = workingDirectory.resolve(name).normalize();
        if (!absolute.startsWith(workingDirectory)) {
            return new Location(absolute.toUri().toASCIIString(), false);
        }
        String path = workingDirectory.relativize(absolute).toString().replace(File.separatorChar, '/');
        try {
            String uri = new URI(null, null, path, null).toASCIIString();
            int colon = uri.indexOf(':');
            int slash = uri.indexOf('/');
            boolean readsAsScheme = colon >= 0 && (slash < 0 || colon < slash);
            return new Location(readsAsScheme ? "./" + uri : uri, true);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot name " + name + " by a URI: " + e.getMessage(), e);
        }
    }

    /** The URI of the working directory, which {@code %SRCROOT%} stands for: absolute, ending with a slash. */
    String sourceRoot() {
        String uri = workingDirectory.toUri().toASCIIString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The URI a file is named by in the run (relative to {@code %SRCROOT%} or absolute), or {@code -} for stdin. */
    String uri(String name) {
        Location location = locations.get(indexByName.get(name));
        return location.uri() == null ? InputFile.STDIN : location.uri();
    }

    /** Writes an {@code artifactLocation} object for the file. */
    void writeLocation(JsonGenerator json, String fieldName, String name) throws IOException {
        int index = indexByName.get(name);
        json.writeObjectFieldStart(fieldName);
        writeUri(json, locations.get(index));
        json.writeNumberField("index", index);
        json.writeEndObject();
    }

    private static void writeUri(JsonGenerator json, Location location) throws IOException {
        if (location.uri() != null) {
            json.writeStringField("uri", location.uri());
            if (location.relative()) {
                json.writeStringField("uriBaseId", SOURCE_ROOT);
            }
        }
    }

    /**
     * Writes the run's {@code artifacts} array.
     *
     * @param partial the files (as the command line named them) that list only part of an environment: their artifacts
     *                carry the property {@code partial}, since a rule needing a package such a file leaves out is
     *                undecided there rather than passed
     */
    void writeArtifacts(JsonGenerator json, Set<String> partial) throws IOException {
        Set<Integer> partialIndexes = new HashSet<>();
        partial.forEach(name -> partialIndexes.add(indexByName.get(name)));
        json.writeArrayFieldStart("artifacts");
        for (int index = 0; index < locations.size(); index++) {
            Location location = locations.get(index);
            json.writeStartObject();
            if (location.uri() != null) {
                json.writeObjectFieldStart("location");
                writeUri(json, location);
                json.writeEndObject();
            }
            json.writeArrayFieldStart("roles");
            json.writeString("analysisTarget");
            if (location.uri() == null) {
                json.writeString("standardStream");
            }
            json.writeEndArray();
            if (partialIndexes.contains(index)) {
                json.writeObjectFieldStart("properties");
                json.writeBooleanField("partial", true);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
