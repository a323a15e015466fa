package io.envaudit.engine.conda;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.Channels;
import io.envaudit.engine.version.InvalidSpecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * conda's MatchSpec, "a query language for conda packages": {@code numpy}, {@code numpy=1.11},
 * {@code numpy==1.11.2=py36_0}, {@code numpy 1.11.2 *nomkl*}, {@code conda-forge/linux-64::numpy>=1.8},
 * {@code numpy[version='>=1.8,<2', build_number=3]}.
 *
 * <p>Parsed once by {@link #parse}; {@link #matches} tests a {@link CondaRecord} field by field, every
 * given field having to match. {@link #toString()} is conda's canonical form
 * {@code (channel(/subdir)::)name(version(build))[key1=value1,key2=value2]}, except that the channel is
 * kept as written: conda prints its configured canonical name instead.
 */
public final class MatchSpec {
    /** The kind named in {@link InvalidSpecException} messages. */
    public static final String KIND = "MatchSpec";

    private final String channel;
    private final Pattern channelPattern;
    private final String subdir;
    private final GlobMatch name;
    private final CondaVersionSpec version;
    private final GlobMatch build;
    private final BuildNumberMatch buildNumber;
    private final Map<String, String> otherFields;
    private final Map<String, GlobMatch> otherMatchers;
    private final String canonical;

    private MatchSpec(Builder b) {
        this.channel = b.channel;
        this.channelPattern = b.channelPattern;
        this.subdir = b.subdir;
        this.name = b.name;
        this.version = b.version;
        this.build = b.build;
        this.buildNumber = b.buildNumber;
        this.otherFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.otherFields));
        this.otherMatchers = Map.copyOf(b.otherMatchers);
        this.canonical = canonicalString();
    }

    /**
     * Parses a MatchSpec string.
     *
     * @throws InvalidSpecException (kind "MatchSpec") naming the input and what is wrong
     */
    public static MatchSpec parse(String spec) {
        return MatchSpecParser.parse(spec);
    }

    /** The channel as written (without a {@code /subdir} conda split off), or null. */
    public String channel() {
        return channel;
    }

    /** The subdir ({@code linux-64}), or null. */
    public String subdir() {
        return subdir;
    }

    /** The package name, lower-cased as conda does; may be {@code *} or another glob. */
    public String name() {
        return name.value();
    }

    /** The name matcher (exact, glob or regular expression). */
    public GlobMatch nameMatch() {
        return name;
    }

    /** The version spec, or null when none is given. */
    public CondaVersionSpec version() {
        return version;
    }

    /** The build string matcher, or null when none is given. */
    public GlobMatch build() {
        return build;
    }

    /** The build number matcher, or null when none is given. */
    public BuildNumberMatch buildNumber() {
        return buildNumber;
    }

    /**
     * The further fields ({@code md5}, {@code url}, {@code license}, {@code track_features}, ...), by
     * conda field name, with their canonical values; tested against {@link CondaRecord#otherFields()}.
     */
    public Map<String, String> otherFields() {
        return otherFields;
    }

    /**
     * Whether the record satisfies every field of this spec. A field the record does not have never
     * matches.
     *
     * @throws io.envaudit.engine.version.InvalidVersionException when the spec compares versions and
     *     the record's version is not a valid conda version (conda raises too)
     */
    public boolean matches(CondaRecord record) {
        return matches(record, null);
    }

    /**
     * {@link #matches(CondaRecord)} for a record whose version is already parsed ({@code parsedVersion},
     * or null to parse it here): an audit reads each record's version once, not once per spec.
     */
    public boolean matches(CondaRecord record, CondaVersion parsedVersion) {
        return matches(record, parsedVersion, true);
    }

    /** Whether the spec names a build string or build number a record must have ({@code *} names none). */
    public boolean testsBuild() {
        return build != null && !build.value().equals("*") || buildNumber != null;
    }

    /** Whether the spec names a channel a record must come from ({@code *} names none). */
    public boolean testsChannel() {
        return channel != null && !channel.equals("*");
    }

    /**
     * {@link #matches(CondaRecord, CondaVersion)} with the channel left out: for a record whose channel is not
     * known, whether everything else matches, so that only the channel is left undecided.
     */
    public boolean matchesAllButChannel(CondaRecord record, CondaVersion parsedVersion) {
        return matches(record, parsedVersion, false);
    }

    private boolean matches(CondaRecord record, CondaVersion parsedVersion, boolean testChannel) {
        if (!name.matches(record.name())) {
            return false;
        }
        if (testChannel && channel != null && !channelMatches(record.channel())) {
            return false;
        }
        if (subdir != null && !subdir.equals(record.subdir())) {
            return false;
        }
        if (version != null && !versionMatches(record.version(), parsedVersion)) {
            return false;
        }
        if (build != null && !build.matches(record.build())) {
            return false;
        }
        if (buildNumber != null && !buildNumber.matches(record.buildNumber())) {
            return false;
        }
        for (Map.Entry<String, String> field : otherFields.entrySet()) {
            if (!otherFieldMatches(field.getKey(), field.getValue(), record.otherFields().get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * conda's matchers for the remaining fields: licenses case-insensitively and with globs, features as
     * sets, everything else ({@code url}, {@code md5}, ...) as exact text. An absent field never matches.
     */
    private boolean otherFieldMatches(String field, String specValue, String recordValue) {
        if (recordValue == null) {
            return false;
        }
        switch (field) {
            case "license":
            case "license_family":
                return otherMatchers.get(field).matches(recordValue.toLowerCase(Locale.ROOT));
            case "track_features":
            case "features":
                return MatchSpecParser.features(recordValue).equals(MatchSpecParser.features(specValue));
            default:
                return specValue.equals(recordValue);
        }
    }

    private boolean versionMatches(String recordVersion, CondaVersion parsedVersion) {
        // conda never parses the record's version for "*" or a regular expression.
        if (version instanceof CondaVersionSpec.AnyVersion) {
            return true;
        }
        if (recordVersion == null) {
            return false;
        }
        if (version instanceof CondaVersionSpec.Regex) {
            return ((CondaVersionSpec.Regex) version).matchesText(recordVersion);
        }
        if (version instanceof CondaVersionSpec.ExactText) {
            return version.toString().equals(recordVersion);
        }
        return version.matches(parsedVersion != null ? parsedVersion : CondaVersion.parse(recordVersion));
    }

    private boolean channelMatches(String recordChannel) {
        if (recordChannel == null) {
            return false;
        }
        if (channelPattern != null) {
            return PythonRegex.matchesFromStart(channelPattern, Channels.canonical(recordChannel).name(), KIND, channel);
        }
        return sameChannel(channel, recordChannel);
    }

    /**
     * The one place channels are compared: both sides canonical ({@code conda-forge} equals
     * {@code https://conda.anaconda.org/conda-forge/linux-64}, {@code defaults} equals
     * {@code https://repo.anaconda.com/pkgs/main} and its mirrors); a label in the spec must match too.
     * {@code defaults} is a multichannel, so a spec naming one member ({@code pkgs/main}) matches only
     * records known to come from that member, as in conda, while {@code defaults} matches them all.
     */
    static boolean sameChannel(String specChannel, String recordChannel) {
        Channel spec = Channels.canonical(specChannel);
        Channel record = Channels.canonical(recordChannel);
        if (!spec.name().equals(record.name()) || !(spec.label().isEmpty() || spec.label().equals(record.label()))) {
            return false;
        }
        String member = Channels.defaultsMember(specChannel);
        return member == null || member.equals(Channels.defaultsMember(recordChannel));
    }

    /** conda's {@code MatchSpec.__str__}. */
    private String canonicalString() {
        StringBuilder out = new StringBuilder();
        List<String> brackets = new ArrayList<>();
        boolean exactChannel = channel != null && channelPattern == null;
        if (exactChannel) {
            out.append(channel);
        } else if (channel != null && !channel.equals("*")) {
            brackets.add("channel=" + channel);
        }
        if (subdir != null) {
            if (exactChannel) {
                out.append('/').append(subdir);
            } else {
                brackets.add("subdir=" + subdir);
            }
        }
        out.append(out.length() > 0 ? "::" : "").append(name);

        boolean exactVersion = false;
        // Current conda leaves a match-all version out: "name[version=*]" prints as "name".
        if (version != null && !(version instanceof CondaVersionSpec.AnyVersion)) {
            String v = version.toString();
            if (PythonText.containsAny(v, "><$^|,")) {
                brackets.add("version='" + v + "'");
            } else if (v.startsWith("!=") || v.startsWith("~=")) {
                if (build != null) {
                    brackets.add("version='" + v + "'");
                } else {
                    out.append(v);
                }
            } else if (v.endsWith(".*")) {
                out.append('=').append(v, 0, v.length() - 2);
            } else if (v.endsWith("*")) {
                out.append('=').append(v, 0, v.length() - 1);
            } else if (v.startsWith("==")) {
                out.append(v);
                exactVersion = true;
            } else {
                out.append("==").append(v);
                exactVersion = true;
            }
        }
        if (build != null) {
            String b = build.value();
            if (PythonText.containsAny(b, "><$^|,")) {
                brackets.add("build='" + b + "'");
            } else if (b.indexOf('*') >= 0) {
                brackets.add("build=" + b);
            } else if (exactVersion) {
                out.append('=').append(b);
            } else {
                brackets.add("build=" + b);
            }
        }
        if (buildNumber != null) {
            brackets.add(keyValue("build_number", buildNumber.toString()));
        }
        for (Map.Entry<String, String> field : otherFields.entrySet()) {
            String key = field.getKey();
            if (key.equals("url") && channel != null) {
                continue; // "skip url in canonical str if channel already included"
            }
            if (key.equals("fn") && otherFields.containsKey("url")) {
                continue;
            }
            brackets.add(keyValue(key, field.getValue()));
        }
        if (!brackets.isEmpty()) {
            out.append('[').append(String.join(",", brackets)).append(']');
        }
        return out.toString();
    }

    private static String keyValue(String key, String value) {
        return PythonText.containsAny(value, ", =") ? key + "='" + value + "'" : key + "=" + value;
    }

    /**
     * conda's {@code conda_build_form()}: {@code name version build} separated by spaces, the version
     * {@code *} when only a build is given.
     *
     * @throws IllegalStateException when the name is not exact, as conda asserts
     */
    public String condaBuildForm() {
        if (!name.isExact()) {
            throw new IllegalStateException("conda build form needs an exact package name, not " + name);
        }
        StringBuilder out = new StringBuilder(name.value());
        if (build != null) {
            out.append(' ').append(version == null ? "*" : version.toString()).append(' ').append(build);
        } else if (version != null) {
            out.append(' ').append(version);
        }
        return out.toString();
    }

    /**
     * conda's {@code conda_env_form()}, the {@code conda env export} style: the canonical string without
     * its {@code channel::} prefix and with the first {@code ==} turned into {@code =}.
     */
    public String condaEnvForm() {
        String spec = canonical;
        int channelEnd = spec.indexOf("::");
        if (channelEnd >= 0) {
            spec = spec.substring(channelEnd + 2);
        }
        return spec.replaceFirst("==", "=");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchSpec && ((MatchSpec) o).canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }

    /** Collects the parsed fields; used by {@link MatchSpecParser} only. */
    static final class Builder {
        final String input;
        String channel;
        Pattern channelPattern;
        String subdir;
        GlobMatch name;
        CondaVersionSpec version;
        GlobMatch build;
        BuildNumberMatch buildNumber;
        final Map<String, String> otherFields = new LinkedHashMap<>();
        final Map<String, GlobMatch> otherMatchers = new LinkedHashMap<>();

        Builder(String input) {
            this.input = input;
        }

        MatchSpec build() {
            if (name == null) {
                name = GlobMatch.of("*", KIND, input);
            }
            // The canonical string lists the other fields in conda's FIELD_NAMES order.
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String field : MatchSpecParser.FIELD_NAMES) {
                if (otherFields.containsKey(field)) {
                    ordered.put(field, otherFields.get(field));
                }
            }
            otherFields.clear();
            otherFields.putAll(ordered);
            return new MatchSpec(this);
        }
    }
}
