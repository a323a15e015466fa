package io.envaudit.listings;

import io.envaudit.engine.names.PackageName;

/**
 * The version a Python distribution file's name gives: a wheel is
 * {@code {distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl} with dashes in the name
 * written as underscores (the binary distribution format specification); a source distribution is
 * {@code {name}-{version}.tar.gz} (or .zip), whose name may keep its dashes. pip freeze writes such a file
 * as the URL of a direct reference ({@code numpy @ file:///.../numpy-2.1.1-cp310-cp310-linux_x86_64.whl}).
 */
final class DistributionFileName {
    private static final String[] SDIST_EXTENSIONS = {".tar.gz", ".zip", ".tar.bz2", ".tgz"};

    private DistributionFileName() {
    }

    /** The version of {@code name} a URL's file gives, or null when the URL names no file of that distribution. */
    static String version(String name, String url) {
        String path = url;
        for (char end : new char[] {'#', '?'}) {
            int cut = path.indexOf(end);
            if (cut >= 0) {
                path = path.substring(0, cut);
            }
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        String wanted = PackageName.normalize(name);
        if (file.endsWith(".whl")) {
            String[] parts = file.substring(0, file.length() - ".whl".length()).split("-");
            boolean wheelShape = parts.length == 5 || parts.length == 6;
            return wheelShape && PackageName.normalize(parts[0]).equals(wanted) ? parts[1] : null;
        }
        for (String extension : SDIST_EXTENSIONS) {
            if (file.endsWith(extension)) {
                String stem = file.substring(0, file.length() - extension.length());
                // the name may hold dashes itself: the version starts after the dash where the name ends
                for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
                    if (PackageName.normalize(stem.substring(0, dash)).equals(wanted) && dash < stem.length() - 1) {
                        return stem.substring(dash + 1);
                    }
                }
            }
        }
        return null;
    }
}
