package io.envaudit.cli;

import io.envaudit.engine.rules.RuleFile;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Rule files named on a command line: read them, or say exactly why not. */
final class RuleFileArguments {
    private RuleFileArguments() {
    }

    /** Thrown with a message for the user (printed as {@code error: <message>}, exit 2). */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /** The files, a directory standing for its {@code *.yaml} and {@code *.yml} files; none found is an error. */
    static List<RuleFile> read(List<Path> paths) throws Unreadable {
        List<RuleFile> files;
        try {
            files = RuleFile.readAll(paths);
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file or directory: " + e.getFile());
        } catch (FileSystemException e) {
            throw new Unreadable("cannot read " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason()));
        } catch (IOException e) {
            throw new Unreadable(e.getMessage());
        }
        if (files.isEmpty()) {
            throw new Unreadable("no *.yaml or *.yml files in " + paths.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        return files;
    }
}
