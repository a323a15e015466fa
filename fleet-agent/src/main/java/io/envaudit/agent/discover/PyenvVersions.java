package io.envaudit.agent.discover;

import io.envaudit.agent.read.ReadProblem;

import java.nio.file.Path;
import java.util.List;

/**
 * The interpreters pyenv built ({@code ~/.pyenv/versions/3.11.7}; pyenv-win's {@code ~/.pyenv/pyenv-win/versions/3.11.7}
 * are python.org's builds), each with its own site-packages, and pyenv-virtualenv's venvs beside them.
 */
final class PyenvVersions {
    private PyenvVersions() {
    }

    static void find(Layout layout, Path home, Candidates candidates, List<ReadProblem> problems) {
        Path versions = home.resolve(layout.pyenvVersions());
        if (candidates.excluded(versions)) {
            return;
        }
        for (Path install : SubFolders.of(versions, "*", problems)) {
            PrefixKind.of(install).ifPresent(candidates::add);
        }
    }
}
