package io.envaudit.agent.read;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A venv's {@code pyvenv.cfg}: {@code key = value} lines, as {@code site.py} reads them (keys
 * lower-cased, the first {@code =} splits). {@code venv} writes {@code version}, uv and virtualenv write
 * {@code version_info}.
 */
public record PyvenvCfg(Map<String, String> values) {
    private static final Pattern VERSION_INFO = Pattern.compile("(\\d+\\.\\d+\\.\\d+)\\.(final|alpha|beta|candidate)\\.(\\d+)");

    public static PyvenvCfg parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\r?\n|\r")) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            values.putIfAbsent(line.substring(0, equals).strip().toLowerCase(Locale.ROOT), line.substring(equals + 1).strip());
        }
        return new PyvenvCfg(Map.copyOf(values));
    }

    /** The Python version the venv was made with, or null. */
    public String pythonVersion() {
        String version = values.get("version");
        if (version == null || version.isEmpty()) {
            version = values.get("version_info");
        }
        return version == null || version.isEmpty() ? null : fromVersionInfo(version);
    }

    /** virtualenv writes {@code sys.version_info} joined by dots: {@code 3.11.2.final.0} is 3.11.2, {@code 3.13.0.candidate.1} is 3.13.0rc1. */
    static String fromVersionInfo(String version) {
        Matcher m = VERSION_INFO.matcher(version);
        if (!m.matches()) {
            return version;
        }
        return switch (m.group(2)) {
            case "final" -> m.group(1);
            case "alpha" -> m.group(1) + "a" + m.group(3);
            case "beta" -> m.group(1) + "b" + m.group(3);
            default -> m.group(1) + "rc" + m.group(3);
        };
    }

    /** True when the venv also sees its base interpreter's packages. */
    public boolean includesSystemSitePackages() {
        return "true".equalsIgnoreCase(values.getOrDefault("include-system-site-packages", "false"));
    }
}
