package io.envaudit.cli;

import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.router.config.RoutesFileException;
import io.envaudit.router.delivery.EnvironmentProxy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A routes file named on the command line ({@code route --config}, {@code up --routes}, {@code dlq replay --alerts --config}),
 * and what posting to its receivers takes from the environment: the file's secrets and the proxy variables.
 */
final class RoutesFileArgument {
    private RoutesFileArgument() {
    }

    /**
     * The routes, read and checked, with the proxy variables they are posted through; empty once every problem
     * is printed, {@code error: file:line:column: ...} or {@code error: HTTPS_PROXY ...} (the command then exits
     * 2, before it starts anything).
     *
     * @param environment where the file's {@code url_env} and {@code token_env} variables are read, and
     *                    {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY}
     */
    static Optional<RoutesConfig> load(Path file, Map<String, String> environment, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        RoutesConfig routes = null;
        try {
            routes = RoutesFile.load(file, environment);
        } catch (RoutesFileException e) {
            problems.addAll(e.problems());
        }
        try {
            EnvironmentProxy.from(environment);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage()); // a proxy variable that holds no proxy, named
        }
        problems.forEach(problem -> err.println("error: " + problem));
        err.flush();
        return problems.isEmpty() ? Optional.of(routes) : Optional.empty();
    }
}
