package io.envaudit.engine.conda;

import java.util.Map;

/**
 * The fields of an installed conda package that a {@link MatchSpec} can test; a minimal view until
 * envaudit's snapshot model carries full records.
 *
 * @param name package name, as recorded
 * @param version version string, as recorded (parsed only when a spec needs it)
 * @param build build string
 * @param buildNumber build number
 * @param channel channel as recorded (a name such as {@code conda-forge} or a URL), or null
 * @param subdir platform subdirectory such as {@code linux-64}, or null
 * @param otherFields further conda record fields by conda name ({@code url}, {@code fn}, {@code md5},
 *     {@code sha256}, {@code license}, {@code license_family}, {@code track_features},
 *     {@code features}), as recorded; absent keys are absent fields
 */
public record CondaRecord(String name, String version, String build, long buildNumber, String channel, String subdir,
        Map<String, String> otherFields) {

    public CondaRecord {
        otherFields = otherFields == null ? Map.of() : Map.copyOf(otherFields);
    }

    /** A record without further fields. */
    public CondaRecord(String name, String version, String build, long buildNumber, String channel, String subdir) {
        this(name, version, build, buildNumber, channel, subdir, Map.of());
    }
}
