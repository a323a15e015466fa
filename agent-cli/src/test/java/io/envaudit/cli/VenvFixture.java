package io.envaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A venv as {@code python -m venv} lays it out, with pip-installed dist-info folders in the real format, written by a test. */
final class VenvFixture {
    private static final String SITE = "lib/python3.11/site-packages";

    private VenvFixture() {
    }

    /** @param packages {@code name==version} each */
    static Path venv(Path prefix, String... packages) throws IOException {
        Files.createDirectories(prefix.resolve(SITE));
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n");
        for (String nameVersion : packages) {
            install(prefix, nameVersion);
        }
        return prefix;
    }

    /** What {@code pip install name==version} leaves behind, for the agent's purposes. */
    static void install(Path prefix, String nameVersion) throws IOException {
        String[] parts = nameVersion.split("==");
        Path distInfo = Files.createDirectories(prefix.resolve(SITE).resolve(parts[0] + "-" + parts[1] + ".dist-info"));
        Files.writeString(distInfo.resolve("METADATA"), "Metadata-Version: 2.1\nName: " + parts[0] + "\nVersion: " + parts[1] + "\n");
        Files.writeString(distInfo.resolve("INSTALLER"), "pip\n");
    }

    static void delete(Path prefix) throws IOException {
        try (Stream<Path> all = Files.walk(prefix)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
