package io.envaudit.agent.read;

import java.nio.file.Path;

/**
 * Something the agent could not read, or read only in part: the file (or folder) it concerns and what
 * went wrong. The package or environment it belongs to is left out or marked partial; the scan goes on.
 */
public record ReadProblem(Path file, String message) {
    @Override
    public String toString() {
        return file + ": " + message;
    }
}
