package io.envaudit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** How an envaudit command ended: its exit code and what it printed. */
record CommandResult(int exitCode, String out, String err) {

    List<String> lines() {
        return out.lines().toList();
    }

    /** Runs the command ({@code envaudit} or the agent jar's) in this JVM, as the jar's main would, its output captured. */
    static CommandResult inProcess(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = UsageErrors.commandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new CommandResult(code, out.toString(), err.toString());
    }
}
