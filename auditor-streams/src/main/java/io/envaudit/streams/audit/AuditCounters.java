package io.envaudit.streams.audit;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What the auditor counts as it goes, handed to the topology and the exception handlers (never a static
 * registry), so a test can give its own and read the counts. Labels are bounded: a snapshot's kind, a
 * severity, a resolved reason, a dead letter's reason code; never a host, environment or message.
 *
 * <p>These count processing attempts, not committed results: under exactly-once a task retried after an
 * aborted transaction processes its records again and counts them again. They are for rates; the exact
 * numbers are the gauges read from the counts store ({@link PartitionCounts}).
 */
public interface AuditCounters {
    /** The Streams configuration key under which {@code StreamingAuditor.config} hands the counters to the exception handlers. */
    String CONFIG = "envaudit.audit.counters";
    /** The resolved reason of an open alert a waiver now covers. */
    String WAIVED = "waived";

    /** Counts nothing: for runs whose metrics nobody reads (tools, tests of something else). */
    AuditCounters NONE = new AuditCounters() {
        @Override
        public void snapshot(SnapshotKind kind) {
        }

        @Override
        public void auditLatency(Duration latency) {
        }

        @Override
        public void alertOpened(String severity) {
        }

        @Override
        public void alertResolved(String reason) {
        }

        @Override
        public void deadLettered(String reason) {
        }

        @Override
        public void ruleRejected() {
        }
    };

    /** What a snapshot record turned out to be. */
    enum SnapshotKind {
        /** New or changed content: stored and audited. */
        CONTENT,
        /** The same content as stored: only the last-seen time moves. */
        HEARTBEAT,
        /** A tombstone: the environment is gone. */
        DELETION,
        /** Collected before the status's last-seen time: ignored. */
        LATE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    void snapshot(SnapshotKind kind);

    /** From a snapshot's collection time to the moment its audit's alerts and status were sent; never negative. */
    void auditLatency(Duration latency);

    /** An OPEN alert record sent for a conflict that was not open: new, or its waiver ended. */
    void alertOpened(String severity);

    /** A RESOLVED alert record ({@code reason} as AlertLifecycle names it), or a WAIVED one ({@code waived}). */
    void alertResolved(String reason);

    /** A record sent to the dead-letter topic, by its reason code ({@code dlq.DeadLetterReason}). */
    void deadLettered(String reason);

    /** A published rule that did not load, dead-lettered by the rule check. */
    void ruleRejected();

    /** The counters a Streams configuration carries, as an exception handler's {@code configure} receives it. */
    static AuditCounters from(Map<?, ?> config) {
        Object counters = config.get(CONFIG);
        if (!(counters instanceof AuditCounters found)) {
            throw new IllegalArgumentException("the Streams configuration has no " + AuditCounters.class.getSimpleName()
                    + " under " + CONFIG + " (build it with StreamingAuditor.config)");
        }
        return found;
    }
}
