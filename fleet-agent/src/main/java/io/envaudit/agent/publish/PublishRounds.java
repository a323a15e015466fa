package io.envaudit.agent.publish;

import io.envaudit.agent.publish.SnapshotPublisher.Delivery;
import io.envaudit.agent.read.ReadProblem;
import io.envaudit.agent.scan.ScanResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The agent's publishing rounds, for {@code agent publish --once} (one round) and {@code --interval} (one per
 * interval): scan, plan against what the topic acknowledged, send, write down what it acknowledged. Each round
 * logs one line an operator can read in the journal: what went out, or what waits for the broker and why, and
 * when it is back. Read problems are logged once each, not every round.
 */
public final class PublishRounds {
    private static final Logger LOG = LoggerFactory.getLogger(PublishRounds.class);

    private final Supplier<ScanResult> scan;
    private final SnapshotPublisher publisher;
    private final Path stateFile;
    private final Clock clock;
    private final PublishedEnvironments published;
    private final Set<String> problemsLogged = new HashSet<>();
    private int roundsUndelivered;

    /** @param stateFile where what the topic acknowledged is kept between rounds and runs ({@link PublishedEnvironments}) */
    public PublishRounds(Supplier<ScanResult> scan, SnapshotPublisher publisher, Path stateFile, Clock clock) {
        this.scan = scan;
        this.publisher = publisher;
        this.stateFile = stateFile;
        this.clock = clock;
        this.published = PublishedEnvironments.read(stateFile);
    }

    /**
     * @param heartbeatAfter an unchanged environment is sent again once this long has passed; zero sends all
     * @return what the topic acknowledged, and what it did not
     */
    public Delivery run(Duration heartbeatAfter) {
        ScanResult result = scan.get();
        logNewProblems(result);
        PublishPlan plan = PublishPlan.of(result.environments(), published, clock.instant(), heartbeatAfter, Files::isDirectory);
        Delivery delivery = publisher.send(plan, published);
        if (delivery.snapshots() + delivery.tombstones() > 0 || !Files.exists(stateFile)) {
            published.write(stateFile);
        }
        if (delivery.complete()) {
            if (roundsUndelivered > 0) {
                LOG.info("the snapshots topic is reachable again after {} round(s): what waited is delivered", roundsUndelivered);
            }
            roundsUndelivered = 0;
            LOG.info("sent {} changed, {} heartbeat(s), {} deletion(s); {} unchanged{}", plan.changed().size(), plan.heartbeats().size(),
                    plan.deleted().size(), plan.unchanged(), result.complete() ? "" : " (the scan ran out of time: some environments were not read)");
        } else {
            roundsUndelivered++;
            LOG.warn("{} of {} record(s) not delivered, kept for the next round ({} round(s) in a row): {}", delivery.undelivered().size(),
                    plan.changed().size() + plan.heartbeats().size() + plan.deleted().size(), roundsUndelivered,
                    String.join("; ", new LinkedHashSet<>(delivery.undelivered().values())));
        }
        return delivery;
    }

    /** Each problem once while it lasts: one that goes away and comes back is logged again. */
    private void logNewProblems(ScanResult result) {
        Set<String> current = Stream.concat(Stream.concat(result.problems().stream(),
                        result.environments().stream().flatMap(e -> e.problems().stream())).map(ReadProblem::toString),
                result.hostNotes().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
        current.stream().filter(problemsLogged::add).forEach(problem -> LOG.warn("{}", problem));
        problemsLogged.retainAll(current);
    }
}
