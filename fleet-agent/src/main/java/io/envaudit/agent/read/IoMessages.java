package io.envaudit.agent.read;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** What an I/O failure means to a user, without Java's exception names. */
public final class IoMessages {
    private IoMessages() {
    }

    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file (deleted during the scan?)";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "a symbolic link loop";
        }
        String message = e.getMessage();
        if (message != null && message.contains("Too many levels of symbolic links")) {
            return "a symbolic link loop";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
