package io.envaudit.listings;

/** What an environment's folder says about it. */
final class Prefixes {
    private Prefixes() {
    }

    /**
     * conda names an environment after its folder when the folder sits in an {@code envs} directory
     * ({@code /home/ana/miniconda3/envs/tf210} is {@code tf210}); any other prefix (a base install, a
     * {@code --prefix} environment) has no name the listing shows. Windows paths use backslashes.
     */
    static String environmentName(String prefix) {
        String[] parts = prefix.replace('\\', '/').replaceAll("/+$", "").split("/");
        return parts.length >= 2 && parts[parts.length - 2].equals("envs") ? parts[parts.length - 1] : null;
    }
}
