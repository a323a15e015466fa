package io.envaudit.cli;

import io.envaudit.status.Probe;
import io.envaudit.status.StatusServer;
import io.envaudit.streams.metrics.AuditorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a process that runs the auditor serves on {@code /metrics}, {@code /health} and {@code /ready}, and
 * for which parts: one process has one Prometheus registry, in which the auditor and every part run beside
 * it (the router under {@code up --routes}) count, and probes that answer for the auditor and every such part.
 *
 * <p>It owns the registry and the HTTP server, and outlives the parts: it is made before the first of them
 * and closed after the last, so that what a part counts while it stops (the router's last deliveries) is
 * still counted, and the process still served, until every part has stopped.
 */
final class StatusEndpoint implements AutoCloseable {
    /** A part's liveness and readiness. */
    private record Part(Probe health, Probe ready) {
    }

    private final InetSocketAddress address;
    private final PrometheusMeterRegistry meters = AuditorMetrics.registry();
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private StatusServer server;

    private StatusEndpoint(InetSocketAddress address) {
        this.address = address;
    }

    /** A new registry, to be served at {@code address} (port 0: any free port) once the auditor has started. */
    static StatusEndpoint of(InetSocketAddress address) {
        return new StatusEndpoint(address);
    }

    /** The registry served, in which every part counts. */
    PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Also answers for {@code name} on {@code /health} and {@code /ready}, after the auditor, in the order added. */
    void add(String name, Probe health, Probe ready) {
        if (server != null) {
            throw new IllegalStateException("the part " + name + " is added after the status server started");
        }
        parts.put(name, new Part(health, ready));
    }

    /**
     * Starts serving {@code /metrics} from {@code metrics}, and {@code /health} and {@code /ready}: the auditor's own
     * answers when it runs alone, else every part's, each named.
     *
     * @throws IOException when the address cannot be bound (in use, not local), naming it
     */
    void serve(Supplier<String> metrics, Probe auditorHealth, Probe auditorReady) throws IOException {
        if (server != null) {
            throw new IllegalStateException("the status server already runs, on port " + server.port());
        }
        try {
            server = StatusServer.start(address, metrics, combined(auditorHealth, Part::health), combined(auditorReady, Part::ready));
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
    }

    /** Where it serves (the port chosen when 0 was asked for). */
    int port() {
        if (server == null) {
            throw new IllegalStateException("the status server has not started");
        }
        return server.port();
    }

    private Probe combined(Probe auditor, Function<Part, Probe> probe) {
        if (parts.isEmpty()) {
            return auditor;
        }
        Map<String, Probe> all = new LinkedHashMap<>();
        all.put("auditor", auditor);
        parts.forEach((name, part) -> all.put(name, probe.apply(part)));
        return Probe.all(all);
    }

    /** Stops serving and closes the registry: after every part has stopped. */
    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            meters.close();
        }
    }
}
