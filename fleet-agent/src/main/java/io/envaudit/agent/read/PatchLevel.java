package io.envaudit.agent.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python version a prefix's interpreter was built as, from its C header
 * {@code include/pythonX.Y/patchlevel.h} ({@code #define PY_VERSION "3.11.7"}), which CPython installs
 * with every build from source (pyenv, conda's python, tarballs).
 */
final class PatchLevel {
    private static final Pattern PY_VERSION = Pattern.compile("#define\\s+PY_VERSION\\s+\"([^\"+]+)\\+?\"");

    private PatchLevel() {
    }

    static String pythonVersion(Path prefix) {
        Path include = prefix.resolve("include");
        if (!Files.isDirectory(include)) {
            return null;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(include, "python*")) {
            for (Path folder : stream) {
                Path header = folder.resolve("patchlevel.h");
                if (Files.isRegularFile(header)) {
                    Matcher m = PY_VERSION.matcher(Files.readString(header, StandardCharsets.ISO_8859_1));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
