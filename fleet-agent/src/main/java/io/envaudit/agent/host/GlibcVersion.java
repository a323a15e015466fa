package io.envaudit.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C library's version without running anything and without native calls. Older glibc installs
 * {@code libc.so.6} as a link to {@code libc-2.31.so}: the name says it. Since 2.34 it is the file itself,
 * which carries the banner {@code GNU C Library (...) stable release version 2.36.} — the same text
 * {@code gnu_get_libc_version()} reports and {@code ldd --version} prints. musl has neither: null.
 */
final class GlibcVersion {
    /** Where distributions put the dynamic C library (Debian's multiarch folders, Fedora's lib64). */
    static final List<String> LIBC_PATHS = List.of(
            "lib/x86_64-linux-gnu/libc.so.6", "lib/aarch64-linux-gnu/libc.so.6", "lib/powerpc64le-linux-gnu/libc.so.6",
            "usr/lib/x86_64-linux-gnu/libc.so.6", "usr/lib/aarch64-linux-gnu/libc.so.6",
            "lib64/libc.so.6", "usr/lib64/libc.so.6", "lib/libc.so.6", "usr/lib/libc.so.6");
    private static final Pattern FILE_NAME = Pattern.compile("libc-(\\d+\\.\\d+(?:\\.\\d+)?)\\.so");
    private static final Pattern BANNER = Pattern.compile("GNU C Library [^\\n\\x00]*?version (\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final long MAX_BYTES = 16L << 20;

    private GlibcVersion() {
    }

    static String read(Path root) {
        for (String candidate : LIBC_PATHS) {
            Path libc = root.resolve(candidate);
            if (!Files.exists(libc)) {
                continue;
            }
            try {
                Matcher name = FILE_NAME.matcher(libc.toRealPath().getFileName().toString());
                if (name.matches()) {
                    return name.group(1);
                }
                String banner = banner(libc);
                if (banner != null) {
                    return banner;
                }
            } catch (IOException e) {
                // try the next place
            }
        }
        return null;
    }

    private static String banner(Path libc) throws IOException {
        if (Files.size(libc) > MAX_BYTES) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(libc)) {
            bytes = in.readAllBytes();
        }
        // Latin-1 maps every byte to one char, so the regex runs over the binary as over text
        Matcher m = BANNER.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }
}
