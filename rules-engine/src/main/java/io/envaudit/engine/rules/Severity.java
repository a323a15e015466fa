package io.envaudit.engine.rules;

import java.util.Locale;

/**
 * How bad a conflict is, by one principle: {@link #ERROR} when the environment is broken for sure (a
 * package's own declared requirement unmet, two installs of one import name at different versions, a
 * published incompatibility); {@link #WARNING} for risk without certain breakage (channel mixing, pip
 * over conda at the same version, CUDA minor versions mixed); {@link #INFO} for hygiene;
 * {@link #CRITICAL} for an error an organisation must act on now (set by its own rules).
 */
public enum Severity {
    INFO, WARNING, ERROR, CRITICAL;

    public static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(text)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected info, warning, error or critical)");
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
