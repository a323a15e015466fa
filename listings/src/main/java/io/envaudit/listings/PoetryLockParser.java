package io.envaudit.listings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Poetry's {@code poetry.lock}, lock versions 1.x and 2.x: one {@code [[package]]} table per locked
 * distribution with {@code name}, {@code version}, {@code description}, {@code optional},
 * {@code python-versions} (the package's own Requires-Python), {@code files} (2.x; 1.x kept them under
 * {@code [metadata.files]}), {@code [package.dependencies]}, {@code [package.extras]} and, for anything not
 * from PyPI, {@code [package.source]} ({@code type} git, directory, file, url or legacy for another index);
 * lock 2.1 adds {@code groups} and {@code markers}. {@code [metadata]} gives the {@code lock-version}, the
 * {@code content-hash} and the project's {@code python-versions}. Poetry installs every package with pip
 * under its PyPI name; an optional one is installed only for the extra that asks for it, so it is skipped.
 * Dependencies are written in Poetry's own constraint syntax ({@code ^1.2}, {@code ~2.0}), which the snapshot's
 * PEP 508 requires cannot hold, so they are not carried. The lock is universal ({@link UniversalLock}).
 */
final class PoetryLockParser implements ListingParser {

    @Override
    public ParsedListing parse(ListingText text) {
        TomlTree toml = new TomlTree(text);
        JsonNode metadata = toml.root().get("metadata");
        int metadataLine = metadataLine(text);
        if (!(metadata instanceof ObjectNode meta)) {
            throw toml.error(0, "expected a [metadata] table with the lock-version (poetry.lock)");
        }
        String lockVersion = toml.string(meta, metadataLine, "lock-version");
        if (lockVersion == null || !(lockVersion.startsWith("1.") || lockVersion.startsWith("2."))) {
            throw toml.error(lockVersion == null ? metadataLine : toml.keyLine(metadataLine, "lock-version"),
                    "expected a poetry.lock of lock-version 1.x or 2.x, found "
                            + (lockVersion == null ? "no 'lock-version'" : "lock-version " + lockVersion));
        }
        ListingBuilder listing = new ListingBuilder(ListingFormat.POETRY_LOCK).manager(EnvironmentManager.VENV);
        String python = UniversalLock.pinnedPython(toml.string(meta, metadataLine, "python-versions"));
        if (python != null) {
            listing.platform(Platform.newBuilder().setPythonVersion(python).build());
        }
        List<UniversalLock.Locked> locked = new ArrayList<>();
        for (TomlTree.Table table : toml.tables("package")) {
            ObjectNode p = table.values();
            String name = toml.required(p, table.line(), "name", "a [[package]] table");
            String version = toml.required(p, table.line(), "version", "package '" + name + "'");
            if ("true".equals(toml.string(p, table.line(), "optional"))) {
                listing.skip(table.line(), "name = \"" + name + "\"", "optional: Poetry installs it only for the extra that asks for it");
                continue;
            }
            locked.add(new UniversalLock.Locked(Packages.pip(name, version), table.line(), markers(toml, table)));
        }
        UniversalLock.add(listing, locked);
        return listing.build();
    }

    /** Lock 2.1's {@code markers}: one marker, or one per dependency group ({@code {main = "...", dev = "..."}}). */
    private static String markers(TomlTree toml, TomlTree.Table table) {
        JsonNode markers = table.values().get("markers");
        if (markers == null || markers.isNull()) {
            return null;
        }
        if (markers.isObject()) {
            return StreamSupport.stream(markers.spliterator(), false).map(JsonNode::asText).distinct()
                    .collect(Collectors.joining(" or "));
        }
        if (markers.isArray()) {
            throw toml.error(toml.keyLine(table.line(), "markers"), "expected 'markers' to be a marker or a table of markers by group");
        }
        return markers.asText();
    }

    /** The line of the {@code [metadata]} header, where its keys are looked for. */
    private static int metadataLine(ListingText text) {
        for (int i = 0; i < text.lines().size(); i++) {
            if (text.lines().get(i).strip().equals("[metadata]")) {
                return i + 1;
            }
        }
        return 0;
    }
}
