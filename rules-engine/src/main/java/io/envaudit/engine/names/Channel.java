package io.envaudit.engine.names;

/**
 * Where a package came from, canonical: {@code defaults}, {@code conda-forge}, {@code nvidia} (with
 * label {@code cuda-11.8.0}), a personal channel, or {@code pypi} for pip installs. The subdir
 * ({@code linux-64}, {@code noarch}) is kept when the source named one. Label and subdir are empty when
 * absent, never null.
 */
public record Channel(String name, String label, String subdir) {
    public static final String DEFAULTS = "defaults";
    public static final String PYPI = "pypi";

    public boolean isDefaults() {
        return name.equals(DEFAULTS);
    }

    public boolean isPypi() {
        return name.equals(PYPI);
    }

    /** {@code nvidia/label/cuda-11.8.0}, or the bare name. */
    @Override
    public String toString() {
        return label.isEmpty() ? name : name + "/label/" + label;
    }
}
