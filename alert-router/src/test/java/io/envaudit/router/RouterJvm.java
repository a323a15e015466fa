package io.envaudit.router;

import io.envaudit.kafka.testing.KafkaBroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A router in a JVM of its own ({@link RouterProcess}): to be killed as a crash would, or to run with JVM
 * options and an environment that a test JVM must not take on (a trust store, proxy variables). The proxy
 * variables of the test's own environment are not passed on: only those the test gives.
 */
public final class RouterJvm implements AutoCloseable {
    private static final List<String> PROXY_VARIABLES = List.of("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "https_proxy",
            "http_proxy", "no_proxy");

    private final Process process;

    private RouterJvm(Process process) {
        this.process = process;
    }

    /** Starts it and returns once it runs (its consumer may not have joined the group yet). */
    public static RouterJvm start(KafkaBroker kafka, String prefix, Path routes, String group, Map<String, String> environment,
                                  List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RouterProcess.class.getName(),
                kafka.bootstrapServers(), prefix, routes.toString(), group));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        PROXY_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String first = new String(process.getInputStream().readNBytes(RouterProcess.STARTED.length()), StandardCharsets.UTF_8);
        if (!first.equals(RouterProcess.STARTED)) {
            process.destroyForcibly();
            throw new IllegalStateException("the router process did not start: it printed '" + first + "'");
        }
        return new RouterJvm(process);
    }

    /** SIGKILL: no shutdown hook, no rebalance callback, nothing recorded. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the router process outlived SIGKILL for a minute");
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
