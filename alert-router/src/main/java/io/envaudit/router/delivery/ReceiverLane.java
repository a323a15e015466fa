package io.envaudit.router.delivery;

import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.ReceiverType;
import io.envaudit.router.log.FiringKey;
import io.envaudit.router.log.Journal;
import io.envaudit.router.message.MessageFormat;
import io.envaudit.router.message.Notice;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.NotificationPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One receiver's deliveries, one at a time and in order, on a thread of its own, so that a receiver that
 * is down or rate-limits holds up only itself, and an alert's resolution never overtakes its opening.
 * For each notification: the intent is written to the log, then it is posted (after the rate limit's
 * wait) until the receiver takes it, refuses it, or the retry budget is spent; then the outcome is written
 * and the {@link Listener} told. An Alertmanager lane also re-posts its firing alerts every
 * {@code refresh_interval}, in the same queue.
 */
public final class ReceiverLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverLane.class);

    /** Told on the lane's thread. */
    public interface Listener {
        /** The notification reached an outcome (DELIVERED or DEAD_LETTERED), which is on the log. */
        void settled(AlertNotification outcome);

        /** The lane cannot go on: the log cannot be written. */
        void failed(RuntimeException cause);
    }

    private final ReceiverConfig receiver;
    private final ReceiverClient client;
    private final Journal journal;
    private final Listener listener;
    private final String router;
    private final RouterMetrics metrics;
    private final Backoff backoff;
    private final TokenBucket bucket;
    private final MessageFormat format;
    private final ScheduledExecutorService thread;

    // the lane thread's own state
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean busy;
    private ScheduledFuture<?> nextStep;
    /** Alertmanager only: what it keeps firing, by alert key. */
    private final Map<String, Delivery.PartitionedAlert> firing = new HashMap<>();
    /** Alertmanager only: a refresh waits in the queue; one is enough however long a delivery holds the lane. */
    private boolean refreshQueued;

    public ReceiverLane(ReceiverClient client, Journal journal, Listener listener, String router, RouterMetrics metrics,
                        RandomGenerator random) {
        this.receiver = client.receiver();
        this.client = client;
        this.journal = journal;
        this.listener = listener;
        this.router = router;
        this.metrics = metrics;
        this.backoff = new Backoff(receiver.retry(), random);
        this.bucket = receiver.rateLimit().map(limit -> new TokenBucket(limit, System::nanoTime)).orElse(null);
        this.format = MessageFormat.of(receiver);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "envaudit-router-" + receiver.name());
            t.setDaemon(true);
            return t;
        });
        if (receiver.type() == ReceiverType.ALERTMANAGER) {
            long every = receiver.refreshInterval().toMillis();
            thread.scheduleWithFixedDelay(this::queueRefresh, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public ReceiverConfig receiver() {
        return receiver;
    }

    public void submit(Delivery delivery) {
        thread.execute(() -> enqueue(() -> begin(delivery)));
    }

    /** Alertmanager only: what to keep firing from now on (read from the log at a start or rebalance). */
    public void keepFiring(Map<String, Delivery.PartitionedAlert> alerts) {
        await(thread.submit(() -> {
            firing.clear();
            firing.putAll(alerts);
        }));
    }

    /**
     * Drops every notification not yet settled, once a post in progress has finished (its outcome is
     * recorded as usual). A dropped notification's intent stays on the log when it was written: it is in
     * doubt, and the router that next reads its alerts re-posts it.
     */
    public void abandon() {
        await(thread.submit(() -> {
            queue.clear();
            refreshQueued = false;
            if (nextStep != null) {
                nextStep.cancel(false);
                nextStep = null;
            }
            busy = false;
        }));
    }

    private void enqueue(Runnable task) {
        queue.add(task);
        startNext();
    }

    private void startNext() {
        if (busy || queue.isEmpty()) {
            return;
        }
        busy = true;
        queue.poll().run();
    }

    private void done() {
        busy = false;
        nextStep = null;
        startNext();
    }

    private void begin(Delivery delivery) {
        try {
            if (!delivery.replay()) {
                journal.intent(delivery.notification());
            }
            schedule(() -> attempt(delivery, 1, Instant.now()), Duration.ZERO);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void schedule(Runnable step, Duration delay) {
        Duration wait = bucket == null ? delay : max(delay, bucket.take());
        nextStep = thread.schedule(step, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void attempt(Delivery delivery, int attempt, Instant firstTry) {
        AlertNotification notification = delivery.notification();
        try {
            PostResult result = client.post(notification.getPayload(), notification.getId());
            if (result instanceof PostResult.Delivered) {
                keepTrack(delivery);
                journal.delivered(notification, Instant.now());
                metrics.delivered(receiver.name(), Duration.between(notification.getCreated(), Instant.now()));
                LOG.info("receiver '{}': delivered notification {} ({}, {} alerts){}", receiver.name(), notification.getId(),
                        notification.getRuleId(), notification.getAlertCount(), attempt > 1 ? " at attempt " + attempt : "");
                settle(notification, NotificationPhase.DELIVERED, null);
            } else if (result instanceof PostResult.Rejected rejected) {
                String reason = "receiver '" + receiver.name() + "': " + rejected.reason();
                LOG.error("{} (notification {}): a configuration error; the notification goes to the dead-letter topic",
                        reason, notification.getId());
                metrics.failed(receiver.name(), RouterMetrics.REFUSED);
                deadLetter(notification, reason);
            } else {
                PostResult.Retry retry = (PostResult.Retry) result;
                if (attempt >= receiver.retry().attempts()) {
                    String reason = "receiver '" + receiver.name() + "': gave up after " + attempt + " attempts over "
                            + Duration.between(firstTry, Instant.now()).toSeconds() + " s; last: " + retry.reason();
                    LOG.error("{} (notification {}); the notification goes to the dead-letter topic", reason, notification.getId());
                    metrics.failed(receiver.name(), RouterMetrics.EXHAUSTED);
                    deadLetter(notification, reason);
                } else {
                    Duration wait = backoff.delay(attempt, retry.retryAfter());
                    LOG.warn("receiver '{}': attempt {} of {} for notification {} failed: {}; trying again in {} ms", receiver.name(),
                            attempt, receiver.retry().attempts(), notification.getId(), retry.reason(), wait.toMillis());
                    metrics.retried(receiver.name());
                    schedule(() -> attempt(delivery, attempt + 1, firstTry), wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the intent stays in doubt
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void deadLetter(AlertNotification notification, String reason) {
        journal.deadLettered(notification, reason, Instant.now());
        settle(notification, NotificationPhase.DEAD_LETTERED, reason);
    }

    private void settle(AlertNotification notification, NotificationPhase phase, String reason) {
        listener.settled(AlertNotification.newBuilder(notification).setPhase(phase).setPayload(null).setReason(reason).build());
        done();
    }

    private void fail(RuntimeException e) {
        LOG.error("receiver '{}': stopping: {}", receiver.name(), e.getMessage());
        listener.failed(e);
        queue.clear();
        busy = true; // nothing more is posted
    }

    /** Alertmanager: an open alert is kept firing from now on, any other ends; the log learns it before the delivery. */
    private void keepTrack(Delivery delivery) {
        if (delivery.alerts().isEmpty()) {
            return;
        }
        Map<String, ConflictAlert> changes = new HashMap<>();
        delivery.alerts().forEach((key, posted) -> {
            boolean open = posted.alert().getState() == AlertState.OPEN;
            if (open) {
                firing.put(key, posted);
            } else {
                firing.remove(key);
            }
            changes.put(new FiringKey(router, receiver.name(), posted.partition(), key).text(), open ? posted.alert() : null);
        });
        journal.firing(changes);
    }

    private void queueRefresh() {
        if (!refreshQueued) {
            refreshQueued = true;
            enqueue(this::refresh);
        }
    }

    /** Alertmanager: posts every firing alert again, so that it does not end them; a failure waits for the next round. */
    private void refresh() {
        refreshQueued = false;
        try {
            List<ConflictAlert> alerts = firing.values().stream().map(Delivery.PartitionedAlert::alert).toList();
            for (int from = 0; from < alerts.size(); from += receiver.alertsPerMessage()) {
                List<ConflictAlert> batch = alerts.subList(from, Math.min(alerts.size(), from + receiver.alertsPerMessage()));
                String payload = format.render(new Notice(UUID.randomUUID().toString(), receiver.name(), "", batch, Instant.now()));
                PostResult result = client.post(payload, null);
                if (result instanceof PostResult.Failure failure) {
                    LOG.warn("receiver '{}': refreshing {} firing alerts failed ({}); trying again in {} s", receiver.name(),
                            alerts.size(), failure.reason(), receiver.refreshInterval().toSeconds());
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        done();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void await(Future<?> task) {
        try {
            task.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a receiver lane task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finishes a post in progress, drops the rest (see {@link #abandon}) and stops the thread. */
    @Override
    public void close() {
        if (!thread.isShutdown()) {
            abandon();
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(receiver.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
