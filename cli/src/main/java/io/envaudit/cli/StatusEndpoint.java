package io.envaudit.cli;

import io.envaudit.status.Probe;
import io.envaudit.streams.metrics.AuditorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a process that runs the auditor serves {@code /metrics}, {@code /health} and {@code /ready}, and for
 * which parts: one process has one Prometheus registry, the auditor's, in which a part run beside it (the
 * router under {@code up --routes}) counts too, and probes that answer for the auditor and every such part.
 *
 * @param address where to listen (port 0: any free port)
 * @param meters  the registry served; the auditor takes it over and closes it when it stops
 * @param parts   the parts beside the auditor by name, in the order the probes' details list them
 */
record StatusEndpoint(InetSocketAddress address, PrometheusMeterRegistry meters, Map<String, Part> parts) {
    /** A part's liveness and readiness. */
    record Part(Probe health, Probe ready) {
    }

    StatusEndpoint {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** The auditor alone, with a new registry. */
    static StatusEndpoint of(InetSocketAddress address) {
        return new StatusEndpoint(address, AuditorMetrics.registry(), Map.of());
    }

    /** The same, also answering for {@code name}. */
    StatusEndpoint with(String name, Probe health, Probe ready) {
        Map<String, Part> more = new LinkedHashMap<>(parts);
        more.put(name, new Part(health, ready));
        return new StatusEndpoint(address, meters, more);
    }

    /** {@code /health}: the auditor's own answer when it runs alone, else every part's. */
    Probe health(Probe auditor) {
        return combined(auditor, Part::health);
    }

    /** {@code /ready}: the auditor's own answer when it runs alone, else every part's. */
    Probe ready(Probe auditor) {
        return combined(auditor, Part::ready);
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
}
