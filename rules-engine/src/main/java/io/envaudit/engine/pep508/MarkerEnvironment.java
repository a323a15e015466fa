package io.envaudit.engine.pep508;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The facts markers are evaluated against ({@code python_version}, {@code sys_platform}, ...). A fact
 * absent here is unknown, not empty: comparisons on it are {@link Truth#UNKNOWN}. {@code extra} is the
 * exception: it is the extra being installed, empty when none, as {@code packaging} defaults it.
 */
public final class MarkerEnvironment {
    public static final String EXTRA = "extra";

    /** The names a marker can read: the keys of packaging's {@code default_environment()}, and {@code extra}. */
    static final Set<String> VARIABLES = Set.of("implementation_name", "implementation_version", "os_name",
            "platform_machine", "platform_release", "platform_system", "platform_version", "python_full_version",
            "platform_python_implementation", "python_version", "sys_platform", EXTRA);

    private final Map<String, String> facts;

    private MarkerEnvironment(Map<String, String> facts) {
        this.facts = facts;
    }

    public static MarkerEnvironment of(Map<String, String> facts) {
        Map<String, String> copy = new HashMap<>(facts);
        copy.putIfAbsent(EXTRA, "");
        return new MarkerEnvironment(Map.copyOf(copy));
    }

    /** The same facts with {@code extra} set, to ask whether a requirement applies to that extra. */
    public MarkerEnvironment withExtra(String extra) {
        Map<String, String> copy = new HashMap<>(facts);
        copy.put(EXTRA, extra == null ? "" : extra);
        return new MarkerEnvironment(Map.copyOf(copy));
    }

    /** The value of a fact, or null when unknown. */
    public String get(String variable) {
        return facts.get(variable);
    }
}
