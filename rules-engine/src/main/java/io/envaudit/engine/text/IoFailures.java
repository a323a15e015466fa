package io.envaudit.engine.text;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What an I/O failure means to a user, in words rather than Java's exception names: the JDK's {@code file}
 * exceptions carry only the path as their message, which the caller has already named.
 */
public final class IoFailures {
    private IoFailures() {
    }

    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "a symbolic link loop";
        }
        // a FileSystemException's message repeats the path before its reason
        String message = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (message != null && message.contains("Too many levels of symbolic links")) {
            return "a symbolic link loop";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
