package io.envaudit.streams.metrics;

import io.envaudit.status.Probe;
import io.envaudit.status.StatusServer;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Set;

/**
 * The auditor's probes for orchestrators, served by a {@link StatusServer} beside {@code /metrics} (its
 * {@link AuditorMetrics}), {@code /health} (liveness: the Streams application has not failed or stopped)
 * and {@code /ready} (running, and every partition it owns readable, so none is restoring).
 */
public final class AuditorStatus {
    private static final Set<KafkaStreams.State> DEAD = Set.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);

    private AuditorStatus() {
    }

    /** Liveness: alive unless the Streams application has failed or stopped; the detail is its state. */
    public static Probe health(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            return new Probe.Answer(!DEAD.contains(state), state.toString());
        };
    }

    /** Readiness: running, and every partition it owns readable, so none is restoring. */
    public static Probe ready(KafkaStreams streams, AuditorMetrics metrics) {
        return () -> {
            KafkaStreams.State state = streams.state();
            boolean ready = state == KafkaStreams.State.RUNNING && metrics.countsComplete();
            return ready ? Probe.Answer.yes("ready") : Probe.Answer.no(state + ", not ready");
        };
    }
}
