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
 * still counted, and the process still served, until every part has stopped. It binds its address when made,
 * before anything starts, so that an address in use stops a command before it has started a broker or joined a
 * group; until the auditor is served, {@code /health} and {@code /ready} answer 503 "starting".
 */
final class StatusEndpoint implements AutoCloseable {
    /** A part's liveness and readiness. */
    private record Part(Probe health, Probe ready) {
    }

    private static final Probe STARTING = () -> Probe.Answer.no("starting");

    private final PrometheusMeterRegistry meters = AuditorMetrics.registry();
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final StatusServer server;
    /** What the auditor serves once it has started; the registry's plain scrape and "starting" until then. */
    private volatile Supplier<String> metrics = meters::scrape;
    private volatile Probe health = STARTING;
    private volatile Probe ready = STARTING;
    private volatile boolean served;

    private StatusEndpoint(InetSocketAddress address) throws IOException {
        try {
            server = StatusServer.start(address, () -> metrics.get(), () -> health.check(), () -> ready.check());
        } catch (IOException e) {
            meters.close();
            throw new IOException("cannot serve metrics on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new registry, served at {@code address} (port 0: any free port) from now on.
     *
     * @throws IOException when the address cannot be bound (in use, not local), naming it
     */
    static StatusEndpoint bind(InetSocketAddress address) throws IOException {
        return new StatusEndpoint(address);
    }

    /** The registry served, in which every part counts. */
    PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Also answers for {@code name} on {@code /health} and {@code /ready}, after the auditor, in the order added. */
    void add(String name, Probe health, Probe ready) {
        if (served) {
            throw new IllegalStateException("the part " + name + " is added after the auditor is served");
        }
        parts.put(name, new Part(health, ready));
    }

    /**
     * Serves {@code /metrics} from {@code metrics}, and {@code /health} and {@code /ready}: the auditor's own answers
     * when it runs alone, else every part's, each named.
     */
    void serve(Supplier<String> metrics, Probe auditorHealth, Probe auditorReady) {
        if (served) {
            throw new IllegalStateException("the auditor is already served, on port " + server.port());
        }
        served = true;
        this.health = combined(auditorHealth, Part::health);
        this.ready = combined(auditorReady, Part::ready);
        this.metrics = metrics;
    }

    /** Where it serves (the port chosen when 0 was asked for). */
    int port() {
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
            server.close();
        } finally {
            meters.close();
        }
    }
}
