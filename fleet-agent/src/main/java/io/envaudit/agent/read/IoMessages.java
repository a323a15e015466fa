package io.envaudit.agent.read;

import io.envaudit.engine.text.IoFailures;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** What an I/O failure met during a scan means to a user: a file the scan found and then missed was deleted meanwhile. */
public final class IoMessages {
    private IoMessages() {
    }

    public static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file (deleted during the scan?)" : IoFailures.describe(e);
    }
}
