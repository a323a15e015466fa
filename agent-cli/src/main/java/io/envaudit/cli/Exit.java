package io.envaudit.cli;

import java.io.PrintWriter;

/** How a command ends on an error: {@code error: <message>} on stderr, and its exit code. */
final class Exit {
    /** Bad arguments or input. */
    static final int USAGE = 2;
    /** What was asked could not be done: a refused publication, a Kafka failure. */
    static final int FAILURE = 1;

    private Exit() {
    }

    static int usage(PrintWriter err, String message) {
        return error(err, message, USAGE);
    }

    static int failure(PrintWriter err, String message) {
        return error(err, message, FAILURE);
    }

    private static int error(PrintWriter err, String message, int code) {
        err.println("error: " + message);
        err.flush();
        return code;
    }
}
