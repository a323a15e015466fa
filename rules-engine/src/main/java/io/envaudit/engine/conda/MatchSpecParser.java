package io.envaudit.engine.conda;

import io.envaudit.engine.version.PythonWhitespace;
import io.envaudit.engine.version.InvalidSpecException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a MatchSpec string in the steps of conda's {@code _parse_spec_str}: legacy {@code feature@};
 * strip a {@code #} comment and an {@code " if "} condition; a package file or URL; the {@code [...]}
 * key-value section; a {@code (...)} section (ignored); {@code channel(/subdir)::}; the name; then
 * version and build, positional ({@code numpy 1.11.2 *nomkl*}) or joined by {@code =}.
 * Values in brackets override the positional ones, except the name.
 */
final class MatchSpecParser {
    private static final String KIND = MatchSpec.KIND;

    /** conda's {@code MatchSpec.FIELD_NAMES}, in the order its canonical string lists them. */
    static final List<String> FIELD_NAMES = List.of("channel", "subdir", "name", "version", "build", "build_number",
            "track_features", "features", "url", "md5", "sha256", "license", "license_family", "fn");

    private final String input;

    private MatchSpecParser(String input) {
        this.input = input;
    }

    static MatchSpec parse(String spec) {
        if (spec == null) {
            throw new InvalidSpecException(KIND, null, "no spec given");
        }
        MatchSpecParser parser = new MatchSpecParser(spec);
        return parser.build(parser.fields());
    }

    /**
     * The fields as conda's {@code _parse_spec_str} returns them, raw strings before any matcher is
     * built ({@code numpy=1.8} gives version {@code 1.8*}).
     */
    static Map<String, String> rawFields(String spec) {
        if (spec == null) {
            throw new InvalidSpecException(KIND, null, "no spec given");
        }
        return new MatchSpecParser(spec).fields();
    }

    private Map<String, String> fields() {
        String spec = input;
        Map<String, String> fields = new LinkedHashMap<>();
        if (spec.endsWith("@")) {
            // Legacy form: "mkl@" asks for any package tracking feature mkl.
            fields.put("name", "*");
            fields.put("track_features", spec.substring(0, spec.length() - 1));
            return fields;
        }
        int comment = spec.indexOf('#');
        if (comment >= 0) {
            spec = spec.substring(0, comment);
        }
        // Current conda no longer drops an " if ..." condition silently; it is left to fail below.
        if (spec.endsWith(".conda") || spec.endsWith(".tar.bz2")) {
            return packageFile(spec);
        }

        Map<String, String> brackets = new LinkedHashMap<>();
        String section = bracketSection(spec);
        if (section != null) {
            spec = spec.replace(section, "");
            for (Map.Entry<String, String> pair : BracketScanner.pairs(section.substring(1, section.length() - 1), input).entrySet()) {
                String value = pair.getValue();
                brackets.put(pair.getKey(), pair.getKey().equals("version") ? sanitizeVersion(value, null) : value);
            }
        }
        String parens = lastSection(spec, '(', ')');
        if (parens != null) {
            // conda reads "(optional, target=...)" here and then drops it.
            spec = spec.replace(parens, "");
        }

        String channel = null;
        String[] colonParts = rsplitColon(spec);
        if (colonParts.length == 3) {
            channel = colonParts[0];
        }
        spec = colonParts[colonParts.length - 1];
        String subdir = null;
        if (channel != null && !channel.isEmpty()) {
            String[] split = KnownSubdirs.split(channel);
            channel = split[0];
            subdir = split[1];
        } else {
            channel = null;
        }
        if (brackets.containsKey("channel")) {
            String bracketChannel = brackets.remove("channel");
            String[] split = KnownSubdirs.split(bracketChannel);
            channel = split[0];
            if (split[1] != null) {
                subdir = split[1];
            }
        }
        if (brackets.containsKey("subdir")) {
            subdir = brackets.remove("subdir");
        }

        // conda: r"([^ =<>!~]+)?([><!=~ ].+)?" matched at the start.
        int nameEnd = 0;
        while (nameEnd < spec.length() && " =<>!~".indexOf(spec.charAt(nameEnd)) < 0) {
            nameEnd++;
        }
        if (nameEnd == 0) {
            throw new InvalidSpecException(KIND, input, "no package name found in '" + spec + "'");
        }
        String name = spec.substring(0, nameEnd);
        String rest = null;
        if (nameEnd + 1 < spec.length() && spec.charAt(nameEnd + 1) != '\n') {
            int lineEnd = spec.indexOf('\n', nameEnd + 1);
            rest = spec.substring(nameEnd, lineEnd < 0 ? spec.length() : lineEnd);
        }

        String version = null;
        String build = null;
        if (rest != null) {
            rest = PythonWhitespace.strip(rest);
        }
        if (rest != null && !rest.isEmpty()) {
            if (rest.indexOf('[') >= 0) {
                throw new InvalidSpecException(KIND, input, "multiple brackets sections not allowed");
            }
            String[] versionAndBuild = splitVersionAndBuild(rest);
            version = sanitizeVersion(versionAndBuild[0], versionAndBuild[1]);
            build = versionAndBuild[1];
        }

        fields.put("name", name);
        if (channel != null) {
            fields.put("channel", channel);
        }
        if (subdir != null) {
            fields.put("subdir", subdir);
        }
        if (version != null) {
            fields.put("version", version);
        }
        if (build != null) {
            fields.put("build", build);
        }
        // conda lets brackets override everything but the name, so that "tensorflow[name=...]" cannot
        // pretend to be another package.
        brackets.remove("name");
        fields.putAll(brackets);
        return fields;
    }

    /**
     * The {@code [...]} section: from the first {@code [} on the first line to the last {@code ]} after
     * it, so that values may nest brackets; the scanner rejects a second section inside it.
     */
    private static String bracketSection(String spec) {
        int lineEnd = spec.indexOf('\n');
        int limit = lineEnd < 0 ? spec.length() : lineEnd;
        int opening = spec.indexOf('[');
        if (opening < 0 || opening >= limit) {
            return null;
        }
        int closing = spec.lastIndexOf(']', limit - 1);
        return closing < opening ? null : spec.substring(opening, closing + 1);
    }

    /**
     * conda's {@code re.match(r".*(?:(\(.*\)))")}: the last {@code open} on the first line that has a
     * {@code close} after it, up to the last such {@code close}. Linear, unlike the backtracking regex.
     */
    private static String lastSection(String spec, char open, char close) {
        int lineEnd = spec.indexOf('\n');
        int limit = lineEnd < 0 ? spec.length() : lineEnd;
        int closing = spec.lastIndexOf(close, limit - 1);
        if (closing < 0) {
            return null;
        }
        int opening = spec.lastIndexOf(open, closing - 1);
        return opening < 0 ? null : spec.substring(opening, closing + 1);
    }

    /** Python's {@code s.rsplit(":", 2)}. */
    private static String[] rsplitColon(String s) {
        int last = s.lastIndexOf(':');
        if (last < 0) {
            return new String[] {s};
        }
        int previous = last == 0 ? -1 : s.lastIndexOf(':', last - 1);
        if (previous < 0) {
            return new String[] {s.substring(0, last), s.substring(last + 1)};
        }
        return new String[] {s.substring(0, previous), s.substring(previous + 1, last), s.substring(last + 1)};
    }

    /**
     * conda's {@code _parse_version_plus_build}, the regex
     * {@code ((?:.+?)[^><!,|]?)(?:(?<![=!|,<>~])(?:[ =])([^-=,|<>~]+?))?$}, replayed in the order its
     * backtracking tries: the build is the text after the first space or {@code =} (not following an
     * operator character) behind which no {@code - = , | < > ~} occurs. {@code ">=1.0 , < 2.0 py34_0"}
     * gives {@code >=1.0,<2.0} and {@code py34_0}; {@code "1.2.3=0"} gives {@code 1.2.3} and {@code 0}.
     */
    static String[] splitVersionAndBuild(String s) {
        int n = s.length();
        int lastForbidden = -1;
        for (int i = 0; i < n; i++) {
            if ("-=,|<>~".indexOf(s.charAt(i)) >= 0) {
                lastForbidden = i;
            }
        }
        for (int k = 1; k <= n; k++) {
            if (k < n && "><!,|".indexOf(s.charAt(k)) < 0) {
                int p = k + 1;
                if (buildStartsAt(s, p, lastForbidden)) {
                    return versionAndBuild(s, p);
                }
                if (p == n) {
                    return new String[] {s.replace(" ", ""), null};
                }
            }
            if (buildStartsAt(s, k, lastForbidden)) {
                return versionAndBuild(s, k);
            }
            if (k == n) {
                return new String[] {s.replace(" ", ""), null};
            }
        }
        return new String[] {s.replace(" ", ""), null};
    }

    private static boolean buildStartsAt(String s, int p, int lastForbidden) {
        return p >= 1 && p + 1 < s.length()
                && "=!|,<>~".indexOf(s.charAt(p - 1)) < 0
                && (s.charAt(p) == ' ' || s.charAt(p) == '=')
                && lastForbidden < p + 1;
    }

    private static String[] versionAndBuild(String s, int separator) {
        return new String[] {s.substring(0, separator).replace(" ", ""), PythonWhitespace.strip(s.substring(separator + 1))};
    }

    /**
     * conda's {@code _sanitize_version_str}: {@code ==1.2} without a build means exactly 1.2;
     * {@code =1.2} without a build means {@code 1.2*} (the "fuzzy" equals); with a build, {@code =1.2}
     * is exact. A lone {@code =} or {@code ==} passes through to fail as an incomplete operator.
     */
    static String sanitizeVersion(String version, String build) {
        if (version.equals("==") || version.equals("=")) {
            return version;
        }
        if (!version.startsWith("=")) {
            return version;
        }
        String withoutEquals = PythonText.lstrip(version, '=');
        if (version.startsWith("==") && build == null) {
            return withoutEquals;
        }
        if (!PythonText.containsAny(withoutEquals, "=,|")) {
            if (build == null && !withoutEquals.endsWith("*")) {
                return withoutEquals + "*";
            }
            return withoutEquals;
        }
        return version;
    }

    /** A package file path or URL: every field comes from the file name and its directory. */
    private Map<String, String> packageFile(String spec) {
        String url = spec.contains("://") ? spec : "file://" + spec;
        int schemeEnd = url.indexOf("://") + 3;
        String path = url.substring(schemeEnd);
        int slash = path.lastIndexOf('/');
        String fileName = slash < 0 ? path : path.substring(slash + 1);
        String directory = slash < 0 ? "" : path.substring(0, slash);
        int parentSlash = directory.lastIndexOf('/');
        String parent = parentSlash < 0 ? directory : directory.substring(parentSlash + 1);
        Map<String, String> fields = new LinkedHashMap<>();
        if (KnownSubdirs.contains(parent) && parentSlash > 0) {
            String stem = fileName.endsWith(".conda") ? fileName.substring(0, fileName.length() - 6)
                    : fileName.substring(0, fileName.length() - 8);
            int buildDash = stem.lastIndexOf('-');
            int versionDash = buildDash <= 0 ? -1 : stem.lastIndexOf('-', buildDash - 1);
            if (versionDash < 0) {
                throw new InvalidSpecException(KIND, input, "package file name is not name-version-build");
            }
            fields.put("channel", url.substring(0, schemeEnd + parentSlash));
            fields.put("subdir", parent);
            fields.put("name", stem.substring(0, versionDash));
            fields.put("version", stem.substring(versionDash + 1, buildDash));
            fields.put("build", stem.substring(buildDash + 1));
            fields.put("fn", fileName);
            fields.put("url", url);
        } else {
            String baseName = fileName;
            if (url.startsWith("file://")) {
                baseName = URLDecoder.decode(fileName.replace("+", "%2B"), StandardCharsets.UTF_8);
            }
            fields.put("name", "*");
            fields.put("fn", baseName);
            fields.put("url", url);
        }
        return fields;
    }

    /** conda's {@code _build_components}: every key must be a field; each value gets its matcher. */
    private MatchSpec build(Map<String, String> fields) {
        Set<String> unknown = new TreeSet<>(fields.keySet());
        unknown.removeAll(FIELD_NAMES);
        if (!unknown.isEmpty()) {
            throw new InvalidSpecException(KIND, input, "cannot match on field(s): " + unknown);
        }
        MatchSpec.Builder spec = new MatchSpec.Builder(input);
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String value = field.getValue();
            switch (field.getKey()) {
                case "channel":
                    spec.channel = value;
                    if (value.startsWith("^") && value.endsWith("$")) {
                        spec.channelPattern = PythonRegex.compile(value, KIND, input);
                    } else if (value.indexOf('*') >= 0) {
                        // conda's ChannelMatch turns '*' into '.*' without escaping anything else.
                        spec.channelPattern = PythonRegex.compile("^(?:" + value.replace("*", ".*") + ")$", KIND, input);
                    }
                    break;
                case "subdir":
                    spec.subdir = value;
                    break;
                case "name":
                    spec.name = GlobMatch.of(value.toLowerCase(Locale.ROOT), KIND, input);
                    break;
                case "version":
                    try {
                        spec.version = CondaVersionSpec.parse(value);
                    } catch (InvalidSpecException e) {
                        throw new InvalidSpecException(KIND, input, e.getMessage());
                    }
                    break;
                case "build":
                    spec.build = GlobMatch.of(value, KIND, input);
                    break;
                case "build_number":
                    spec.buildNumber = BuildNumberMatch.parse(value, input);
                    break;
                case "track_features":
                case "features":
                    spec.otherFields.put(field.getKey(), String.join(" ", features(value)));
                    break;
                case "license":
                case "license_family":
                    GlobMatch license = GlobMatch.of(value.toLowerCase(Locale.ROOT), KIND, input);
                    spec.otherMatchers.put(field.getKey(), license);
                    spec.otherFields.put(field.getKey(), license.value());
                    break;
                default:
                    spec.otherFields.put(field.getKey(), value);
            }
        }
        return spec.build();
    }

    /** conda's {@code FeatureMatch}: names separated by commas or spaces, as a sorted set. */
    static TreeSet<String> features(String value) {
        TreeSet<String> names = new TreeSet<>();
        for (String part : value.replace(' ', ',').split(",", -1)) {
            String stripped = PythonWhitespace.strip(part);
            if (!stripped.isEmpty()) {
                names.add(stripped);
            }
        }
        return names;
    }
}
