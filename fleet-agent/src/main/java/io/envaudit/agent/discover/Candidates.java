package io.envaudit.agent.discover;

import io.envaudit.agent.read.EnvironmentLocation;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environments found so far: each once (by its real path, so a link and its target are one), in the
 * order found, filtered by the configuration's include and exclude globs.
 */
final class Candidates {
    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;
    private final Map<Path, EnvironmentLocation> found = new LinkedHashMap<>();

    Candidates(List<String> include, List<String> exclude) {
        this.include = matchers(include);
        this.exclude = matchers(exclude);
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> out = new ArrayList<>();
        for (String glob : globs) {
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        return out;
    }

    /** True when the configuration excludes this folder: it is neither read nor searched below. */
    boolean excluded(Path folder) {
        return exclude.stream().anyMatch(m -> m.matches(folder));
    }

    void add(EnvironmentLocation location) {
        Path prefix = location.prefix();
        if (excluded(prefix) || (!include.isEmpty() && include.stream().noneMatch(m -> m.matches(prefix)))) {
            return;
        }
        Path key;
        try {
            key = prefix.toRealPath();
        } catch (IOException e) {
            key = prefix.toAbsolutePath().normalize();
        }
        found.putIfAbsent(key, location);
    }

    List<EnvironmentLocation> all() {
        return List.copyOf(found.values());
    }
}
