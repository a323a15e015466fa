package io.envaudit.cli;

import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditSettings;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The streaming auditor running on envaudit's topics, for {@code up} and {@code run}: started here, and
 * watched, so that Kafka Streams going to ERROR asks the command to stop, with the cause.
 */
final class RunningAuditor implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;

    private RunningAuditor(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * @param onRunning run once, when the auditor first reaches RUNNING (it goes back to REBALANCING whenever
     *                  instances join or leave)
     */
    static RunningAuditor start(ClusterTopics cluster, String applicationId, Path stateDir, AuditSettings settings,
                                StopRequest stop, Runnable onRunning) {
        KafkaStreams streams = StreamingAuditor.create(cluster.topics(), settings,
                StreamingAuditor.config(applicationId, stateDir, cluster.topics(), cluster.clientConfig()));
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
        streams.start();
        return new RunningAuditor(streams);
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
     * Stops the auditor and leaves its consumer group. Kafka Streams stays in the group by default, for a
     * rolling restart; then the group's next rebalance waits for the member to time out (45 s), partitions
     * are not audited meanwhile, and an instance stopped during that first rebalance cannot close in time.
     *
     * @throws StreamsException when Kafka Streams has not stopped in time: that stop was not clean
     */
    @Override
    public void close() {
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT))) {
            throw new StreamsException("the auditor did not stop within " + CLOSE_TIMEOUT.toSeconds() + " s");
        }
    }
}
