package io.envaudit.listings;

/**
 * A conda package file's name, {@code name-version-build.conda} or {@code .tar.bz2}: the name may hold
 * dashes ({@code caffe2-cuda8.0-cudnn7-0.8.dev-py36_2018.05.14.tar.bz2}) but version and build may not,
 * so the last two dashes split it, as conda's own {@code dist_str_to_quad} does.
 */
record CondaFileName(String name, String version, String build) {
    private static final String[] EXTENSIONS = {".conda", ".tar.bz2"};

    /** The package a URL or path ending in a conda package file names (without its checksum fragment). */
    static CondaFileName ofUrl(String url) throws UnreadableLine {
        String file = url.substring(url.lastIndexOf('/') + 1);
        String stem = null;
        for (String extension : EXTENSIONS) {
            if (file.endsWith(extension)) {
                stem = file.substring(0, file.length() - extension.length());
            }
        }
        if (stem == null) {
            throw new UnreadableLine("expected the URL of a conda package file (.conda or .tar.bz2), found '" + file + "'");
        }
        int buildDash = stem.lastIndexOf('-');
        int versionDash = buildDash <= 0 ? -1 : stem.lastIndexOf('-', buildDash - 1);
        if (versionDash <= 0 || buildDash == stem.length() - 1 || versionDash == buildDash - 1) {
            throw new UnreadableLine("expected a conda package file named name-version-build, found '" + file + "'");
        }
        return new CondaFileName(stem.substring(0, versionDash), stem.substring(versionDash + 1, buildDash), stem.substring(buildDash + 1));
    }
}
