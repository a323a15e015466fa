package io.envaudit.agent.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python version a prefix's interpreter was built as, from its C header {@code patchlevel.h}
 * ({@code #define PY_VERSION "3.11.7"}), which CPython installs with every build: in
 * {@code include/pythonX.Y/} on Linux and macOS (pyenv, conda's python, frameworks, tarballs), in
 * {@code include\} itself on Windows (python.org's installer, conda's python).
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
        List<Path> headers = new ArrayList<>();
        headers.add(include.resolve("patchlevel.h"));
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(include, "python*")) {
            stream.forEach(folder -> headers.add(folder.resolve("patchlevel.h")));
        } catch (IOException e) {
            return null;
        }
        for (Path header : headers) {
            if (Files.isRegularFile(header)) {
                try {
                    Matcher m = PY_VERSION.matcher(Files.readString(header, StandardCharsets.ISO_8859_1));
                    if (m.find()) {
                        return m.group(1);
                    }
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
