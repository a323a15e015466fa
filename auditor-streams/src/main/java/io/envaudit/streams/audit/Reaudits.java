package io.envaudit.streams.audit;

import io.envaudit.schemas.ReauditJob;
import io.envaudit.schemas.ReauditQueue;
import io.envaudit.schemas.StoredEnvironment;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The re-audits a partition owes after rule changes, walked through its environments a chunk at a time.
 * Each changed rule is a job with its own position, so a rule changing while another's re-audit is
 * half-way starts from the first environment without holding the other back: one step audits each
 * environment once, for every job that has not reached it yet.
 */
final class Reaudits {
    private static final Logger LOG = LoggerFactory.getLogger(Reaudits.class);
    /** The queue is one value under one key of the partition's store. */
    static final String KEY = "queue";

    /** What a step does with one environment: re-audit it for the given rules. */
    interface EnvironmentReaudit {
        void reaudit(String environmentId, StoredEnvironment environment, Set<String> ruleIds);
    }

    private final KeyValueStore<String, ReauditQueue> store;

    Reaudits(KeyValueStore<String, ReauditQueue> store) {
        this.store = store;
    }

    /** Queues a re-audit of the rule from the first environment; one already queued starts over. */
    void add(String ruleId) {
        ReauditQueue queue = queue();
        List<ReauditJob> jobs = new ArrayList<>(queue.getJobs());
        jobs.removeIf(job -> job.getRuleId().equals(ruleId));
        jobs.add(ReauditJob.newBuilder().setRuleId(ruleId).setAfter(null).build());
        store.put(KEY, ReauditQueue.newBuilder(queue).setJobs(jobs).build());
    }

    boolean isEmpty() {
        return queue().getJobs().isEmpty();
    }

    /**
     * Re-audits up to {@code chunk} environments, in store order, from the least advanced job on, and
     * records how far each job got; jobs that reached the last environment are done.
     */
    void step(KeyValueStore<String, StoredEnvironment> environments, int chunk, EnvironmentReaudit reaudit) {
        ReauditQueue queue = queue();
        List<ReauditJob> jobs = new ArrayList<>(queue.getJobs());
        if (jobs.isEmpty()) {
            return;
        }
        String from = leastAdvanced(jobs);
        int done = 0;
        boolean more = false;
        try (KeyValueIterator<String, StoredEnvironment> it = environments.range(from, null)) {
            while (it.hasNext()) {
                if (done == chunk) {
                    more = true;
                    break;
                }
                KeyValue<String, StoredEnvironment> environment = it.next();
                Set<String> rules = new HashSet<>();
                for (int i = 0; i < jobs.size(); i++) {
                    ReauditJob job = jobs.get(i);
                    if (job.getAfter() == null || storeOrder(job.getAfter(), environment.key) < 0) {
                        rules.add(job.getRuleId());
                        jobs.set(i, ReauditJob.newBuilder(job).setAfter(environment.key).build());
                    }
                }
                if (!rules.isEmpty()) {
                    try {
                        reaudit.reaudit(environment.key, environment.value, rules);
                    } catch (RuntimeException e) {
                        // the job moves past it: one environment that cannot be re-audited must not stall the partition's
                        // re-audits, and its next report is audited in full anyway
                        LOG.warn("re-audit of {} for {} failed; it is audited again when it next reports", environment.key, rules, e);
                    }
                    done++;
                }
            }
        }
        store.put(KEY, ReauditQueue.newBuilder(queue).setJobs(more ? jobs : List.of()).build());
    }

    /** Waivers expiring up to this time have had their rule queued; null before the first sweep. */
    Instant waiversExpiredUntil() {
        return queue().getWaiversExpiredUntil();
    }

    void setWaiversExpiredUntil(Instant until) {
        store.put(KEY, ReauditQueue.newBuilder(queue()).setWaiversExpiredUntil(until).build());
    }

    private ReauditQueue queue() {
        ReauditQueue queue = store.get(KEY);
        return queue != null ? queue : ReauditQueue.newBuilder().build();
    }

    /** The lowest position of the jobs, null (the first environment) when one has not started. */
    private static String leastAdvanced(List<ReauditJob> jobs) {
        String least = null;
        for (ReauditJob job : jobs) {
            if (job.getAfter() == null) {
                return null;
            }
            if (least == null || storeOrder(job.getAfter(), least) < 0) {
                least = job.getAfter();
            }
        }
        return least;
    }

    /** The order of the store's keys: their UTF-8 bytes, unsigned, which is not String's UTF-16 order. */
    static int storeOrder(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
