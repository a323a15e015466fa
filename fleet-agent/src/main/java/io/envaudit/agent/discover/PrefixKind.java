package io.envaudit.agent.discover;

import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.PrefixLayout;
import io.envaudit.schemas.EnvironmentManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What kind of environment a folder is, from its files: {@code conda-meta/} makes a conda prefix (a pixi
 * one under {@code .pixi/envs/}), {@code pyvenv.cfg} a venv (made by venv, virtualenv or uv), and a bare
 * {@code lib/pythonX.Y/site-packages} an interpreter's own install (pyenv, a tarball build). Anything else
 * is no environment.
 */
public final class PrefixKind {
    private PrefixKind() {
    }

    public static Optional<EnvironmentLocation> of(Path prefix) {
        if (Files.isDirectory(prefix.resolve("conda-meta"))) {
            boolean pixi = prefix.getParent() != null && prefix.getParent().getFileName() != null
                    && prefix.getParent().getFileName().toString().equals("envs")
                    && prefix.getParent().getParent() != null && prefix.getParent().getParent().getFileName() != null
                    && prefix.getParent().getParent().getFileName().toString().equals(".pixi");
            EnvironmentLocation conda = location(prefix, pixi ? EnvironmentManager.PIXI : EnvironmentManager.CONDA);
            return Optional.of(isInstallRoot(prefix) ? conda.withName("base") : conda);
        }
        if (Files.isRegularFile(prefix.resolve("pyvenv.cfg"))) {
            return Optional.of(location(prefix, EnvironmentManager.VENV));
        }
        EnvironmentLocation plain = location(prefix, EnvironmentManager.UNKNOWN);
        return plain.siteFolders().isEmpty() ? Optional.empty() : Optional.of(plain);
    }

    /** conda calls the prefix of the install itself, the one with its package cache or its envs, base. */
    static boolean isInstallRoot(Path prefix) {
        return Files.isDirectory(prefix.resolve("envs")) || Files.isDirectory(prefix.resolve("pkgs"))
                || Files.isDirectory(prefix.resolve("condabin"));
    }

    private static EnvironmentLocation location(Path prefix, EnvironmentManager manager) {
        Path name = prefix.getFileName();
        return new EnvironmentLocation(prefix, manager, name == null ? null : name.toString(),
                PrefixLayout.siteFolders(prefix), null);
    }
}
