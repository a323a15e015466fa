package io.envaudit.cli;

import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.router.config.RoutesFileException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A routes file named on the command line ({@code route --config}, {@code up --routes}, {@code dlq replay --alerts --config}). */
final class RoutesFileArgument {
    private RoutesFileArgument() {
    }

    /**
     * The routes, read and checked; empty once every problem is printed, {@code error: file:line:column: ...}
     * (the command then exits 2).
     *
     * @param environment where the file's {@code url_env} and {@code token_env} variables are read
     */
    static Optional<RoutesConfig> load(Path file, Map<String, String> environment, PrintWriter err) {
        try {
            return Optional.of(RoutesFile.load(file, environment));
        } catch (RoutesFileException e) {
            e.problems().forEach(problem -> err.println("error: " + problem));
            err.flush();
            return Optional.empty();
        }
    }
}
