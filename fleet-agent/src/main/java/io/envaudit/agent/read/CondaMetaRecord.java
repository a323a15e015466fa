package io.envaudit.agent.read;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One {@code conda-meta/*.json} record: what conda (or pixi, micromamba) linked into the prefix.
 *
 * @param channel        canonical ({@code defaults}, {@code conda-forge}, {@code nvidia/label/cuda-11.8.0})
 * @param buildNumber    null when the record has none
 * @param metadataFolders the {@code .dist-info} / {@code .egg-info} paths (relative to the prefix, with
 *                        {@code /}) among the record's files: Python metadata conda installed, not pip
 * @param file           the record's own file, for problems
 */
public record CondaMetaRecord(String name, String version, String build, Long buildNumber, String channel,
                              String subdir, List<String> depends, List<String> constrains,
                              Set<String> metadataFolders, Path file) {
}
