package io.envaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * A command line picocli cannot parse (an unknown option, a value that does not convert, a missing
 * parameter) is answered as the commands answer their own usage errors: one {@code error: ...} line, picocli's
 * "did you mean" suggestions when it has some, where to read the usage, and exit 2. The whole usage text
 * would bury the one line that says what is wrong.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    /** The command line an entry point (and a test running one in process) executes {@code command} with. */
    static CommandLine commandLine(Object command) {
        return new CommandLine(command).setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its usage.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
