package io.envaudit.engine.conda;

import java.util.Set;

/** conda's {@code PLATFORM_DIRECTORIES}: the path segments conda recognizes as a channel's subdir. */
final class KnownSubdirs {
    private static final Set<String> SUBDIRS = Set.of("noarch", "emscripten-wasm32", "wasi-wasm32", "freebsd-64",
            "linux-32", "linux-64", "linux-aarch64", "linux-armv6l", "linux-armv7l", "linux-ppc64", "linux-ppc64le",
            "linux-riscv64", "linux-s390x", "osx-64", "osx-arm64", "win-32", "win-64", "win-arm64", "zos-z");

    private KnownSubdirs() {
    }

    static boolean contains(String segment) {
        return SUBDIRS.contains(segment);
    }

    /** {@code [channel, subdir]} when the last path segment is a known subdir, else {@code [channel, null]}. */
    static String[] split(String channel) {
        String trimmed = channel;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        if (slash > 0 && contains(trimmed.substring(slash + 1))) {
            return new String[] {trimmed.substring(0, slash), trimmed.substring(slash + 1)};
        }
        return new String[] {channel, null};
    }
}
