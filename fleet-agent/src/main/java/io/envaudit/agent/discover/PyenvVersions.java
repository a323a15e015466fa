package io.envaudit.agent.discover;

import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The interpreters pyenv built ({@code ~/.pyenv/versions/3.11.7}), each with its own site-packages, and pyenv-virtualenv's venvs beside them. */
final class PyenvVersions {
    private PyenvVersions() {
    }

    static void find(Path home, Candidates candidates, List<ReadProblem> problems) {
        Path versions = home.resolve(".pyenv/versions");
        if (!Files.isDirectory(versions) || candidates.excluded(versions)) {
            return;
        }
        List<Path> installs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(versions, Files::isDirectory)) {
            stream.forEach(installs::add);
        } catch (IOException e) {
            problems.add(new ReadProblem(versions, "cannot be listed: " + IoMessages.describe(e)));
        }
        installs.sort(null);
        for (Path install : installs) {
            PrefixKind.of(install).ifPresent(candidates::add);
        }
    }
}
