package io.envaudit.agent.read;

import java.nio.file.Path;

/** One file that cannot be read as what it should be; the caller reports it and goes on with the rest. */
public final class UnreadableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public UnreadableFileException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public ReadProblem problem() {
        return new ReadProblem(file, getMessage());
    }
}
