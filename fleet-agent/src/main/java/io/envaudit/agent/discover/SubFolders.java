package io.envaudit.agent.discover;

import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** The folders in a folder whose names match a glob, sorted: the same order on every file system. */
final class SubFolders {
    private SubFolders() {
    }

    /** A folder that is not there has none; one that cannot be listed is a problem and has none. */
    static List<Path> of(Path folder, String glob, List<ReadProblem> problems) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        PathMatcher names = folder.getFileSystem().getPathMatcher("glob:" + glob);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder,
                entry -> names.matches(entry.getFileName()) && Files.isDirectory(entry))) {
            stream.forEach(out::add);
        } catch (IOException e) {
            problems.add(new ReadProblem(folder, "cannot be listed: " + IoMessages.describe(e)));
            return List.of();
        }
        out.sort(null);
        return out;
    }
}
