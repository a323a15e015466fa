package io.envaudit.cli;

import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.metrics.AuditorMeters;
import io.envaudit.streams.metrics.AuditorMetrics;
import io.envaudit.streams.metrics.AuditorStatus;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The streaming auditor running on envaudit's topics, for {@code up} and {@code run}: started here, served
 * on the process's {@link StatusEndpoint}, and watched, so that Kafka Streams going to ERROR asks the command
 * to stop, with the cause.
 */
final class RunningAuditor implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final AuditorMetrics metrics;
    private final StatusEndpoint status;

    private RunningAuditor(KafkaStreams streams, AuditorMetrics metrics, StatusEndpoint status) {
        this.streams = streams;
        this.metrics = metrics;
        this.status = status;
    }

    /**
     * @param status    the registry the auditor counts in, and the status server, which this start starts with
     *                  the auditor's metrics and probes beside those of the parts already added; the caller
     *                  closes it, after this auditor
     * @param onRunning run once, when the auditor first reaches RUNNING (it goes back to REBALANCING whenever
     *                  instances join or leave)
     */
    static RunningAuditor start(ClusterTopics cluster, String applicationId, Path stateDir, AuditSettings settings,
                                StatusEndpoint status, StopRequest stop, Runnable onRunning) {
        KafkaStreams streams = StreamingAuditor.create(cluster.topics(), settings, StreamingAuditor.config(applicationId, stateDir,
                cluster.topics(), new AuditorMeters(status.meters()), cluster.clientConfig()));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(exception -> {
            failure.compareAndSet(null, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        AtomicBoolean announced = new AtomicBoolean();
        streams.setStateListener((state, before) -> {
            if (state == KafkaStreams.State.RUNNING && announced.compareAndSet(false, true)) {
                onRunning.run();
            } else if (state == KafkaStreams.State.ERROR) {
                stop.fail("the auditor stopped on an error" + (failure.get() == null ? "" : ": " + causes(failure.get())));
            }
        });
        AuditorMetrics metrics = new AuditorMetrics(status.meters(), streams, cluster.topics().snapshots().name());
        status.serve(metrics::scrape, AuditorStatus.health(streams), AuditorStatus.ready(streams, metrics));
        streams.start();
        return new RunningAuditor(streams, metrics, status);
    }

    /** Where {@code /metrics} is served (the port chosen when 0 was asked for). */
    int metricsPort() {
        return status.port();
    }

    /** Kafka Streams wraps the useful message (the record, the processor) a level or two down. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause);
        }
        return text.toString();
    }

    /**
     * Stops the auditor, which leaves its consumer group (StreamingAuditor.stop), and unbinds Kafka Streams'
     * metrics and the GC's ({@link AuditorMetrics#close}); the status endpoint goes on serving the registry,
     * and answering for the auditor as stopped, until its own close.
     *
     * @throws StreamsException when Kafka Streams has not stopped in time: that stop was not clean
     */
    @Override
    public void close() {
        metrics.close();
        if (!StreamingAuditor.stop(streams, CLOSE_TIMEOUT)) {
            throw new StreamsException("the auditor did not stop within " + CLOSE_TIMEOUT.toSeconds() + " s");
        }
    }
}
