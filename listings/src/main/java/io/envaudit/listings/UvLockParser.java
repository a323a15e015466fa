package io.envaudit.listings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * uv's {@code uv.lock}, version 1 (any revision): {@code requires-python}, {@code resolution-markers} and one
 * {@code [[package]]} table per locked distribution with {@code name}, {@code version} and {@code source}
 * ({@code registry}, {@code git}, {@code url}, {@code path}, {@code directory}, {@code editable} or
 * {@code virtual}), dependencies, sdist and wheels. Every package uv installs is pip-installed under its PyPI
 * name, from whichever source. A {@code virtual} package is a project uv does not install (only its
 * dependencies), and a source tree locked without a version (a dynamic version uv reads only when it builds
 * it) names no version: both are skipped. The lock is universal ({@link UniversalLock}).
 */
final class UvLockParser implements ListingParser {
    private static final Set<String> SOURCES = Set.of("registry", "git", "url", "path", "directory", "editable", "virtual");

    @Override
    public ParsedListing parse(ListingText text) {
        TomlTree toml = new TomlTree(text);
        ObjectNode root = toml.root();
        String version = toml.string(root, 1, "version");
        if (!"1".equals(version)) {
            throw toml.error(toml.keyLine(1, "version"), "expected a uv.lock of version 1, found "
                    + (version == null ? "no 'version'" : "version " + version));
        }
        ListingBuilder listing = new ListingBuilder(ListingFormat.UV_LOCK).manager(EnvironmentManager.VENV);
        String python = UniversalLock.pinnedPython(toml.string(root, 1, "requires-python"));
        if (python != null) {
            listing.platform(Platform.newBuilder().setPythonVersion(python).build());
        }
        List<UniversalLock.Locked> locked = new ArrayList<>();
        for (TomlTree.Table table : toml.tables("package")) {
            ObjectNode p = table.values();
            String name = toml.required(p, table.line(), "name", "a [[package]] table");
            String shown = "name = \"" + name + "\"";
            String source = sourceKind(toml, table, name);
            String packageVersion = toml.string(p, table.line(), "version");
            if (source.equals("virtual")) {
                listing.skip(table.line(), shown, "a virtual project: uv installs its dependencies, not the project itself");
            } else if (packageVersion == null) {
                listing.skip(table.line(), shown, "locked without a version: uv reads the version of this " + source
                        + " source when it builds it");
            } else {
                locked.add(new UniversalLock.Locked(Packages.pip(name, packageVersion), table.line(), markers(toml, table)));
            }
        }
        UniversalLock.add(listing, locked);
        return listing.build();
    }

    /** Which of uv's sources the package's {@code source = { kind = "..." }} names. */
    private static String sourceKind(TomlTree toml, TomlTree.Table table, String name) {
        JsonNode source = table.values().get("source");
        if (source == null) {
            throw toml.error(table.line(), "expected package '" + name + "' to have a 'source'");
        }
        if (!source.isObject()) {
            throw toml.error(toml.keyLine(table.line(), "source"), "expected the source of package '" + name
                    + "' as a table, such as { registry = \"...\" }");
        }
        List<String> kinds = StreamSupport.stream(((Iterable<String>) source::fieldNames).spliterator(), false)
                .filter(SOURCES::contains).toList();
        if (kinds.size() != 1) {
            throw toml.error(toml.keyLine(table.line(), "source"), "expected the source of package '" + name + "' to name one of " + String.join(", ",
                    SOURCES.stream().sorted().toList()) + ", found " + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
        }
        return kinds.get(0);
    }

    /** The package's {@code resolution-markers}, joined with {@code or}: where this version is the one locked. */
    private static String markers(TomlTree toml, TomlTree.Table table) {
        JsonNode markers = table.values().get("resolution-markers");
        if (markers == null) {
            return null;
        }
        if (!markers.isArray()) {
            throw toml.error(toml.keyLine(table.line(), "resolution-markers"), "expected 'resolution-markers' to be an array of markers");
        }
        String joined = StreamSupport.stream(markers.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.joining(" or "));
        return joined.isEmpty() ? null : joined;
    }
}
