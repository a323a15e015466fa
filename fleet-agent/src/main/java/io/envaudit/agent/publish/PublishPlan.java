package io.envaudit.agent.publish;

import io.envaudit.agent.publish.PublishedEnvironments.Published;
import io.envaudit.agent.scan.ScannedEnvironment;
import io.envaudit.schemas.EnvironmentSnapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What one round sends, decided from a scan and what the topic last acknowledged: environments whose content
 * changed (or that it never had), heartbeats for those unchanged for {@code heartbeatAfter}, and tombstones for
 * acknowledged environments whose folder is gone from the disk. An environment the scan did not list but whose
 * folder is still there (the time budget ran out, {@code --path} named others, it could not be read) is left as
 * the auditor knows it: its status goes stale if it stays silent, which is the truth about it.
 */
public record PublishPlan(List<Send> changed, List<Send> heartbeats, List<Gone> deleted, int unchanged) {

    /** A snapshot to send, with its content fingerprint. */
    public record Send(EnvironmentSnapshot snapshot, long fingerprint) {
        public String id() {
            return snapshot.getEnvironment().getId();
        }

        Path prefix() {
            return Path.of(snapshot.getEnvironment().getPrefix());
        }
    }

    /** An environment deleted from the disk: a tombstone for its id. */
    public record Gone(String id, Path prefix) {
    }

    public PublishPlan {
        changed = List.copyOf(changed);
        heartbeats = List.copyOf(heartbeats);
        deleted = List.copyOf(deleted);
    }

    /**
     * @param heartbeatAfter an unchanged environment last sent this long ago is sent again; zero sends every one
     * @param folderExists   whether a prefix is still on the disk
     */
    public static PublishPlan of(List<ScannedEnvironment> scanned, PublishedEnvironments published, Instant now,
                                 Duration heartbeatAfter, Predicate<Path> folderExists) {
        Map<String, Published> acknowledged = published.byId();
        List<Send> changed = new ArrayList<>();
        List<Send> heartbeats = new ArrayList<>();
        int unchanged = 0;
        for (ScannedEnvironment environment : scanned) {
            Send send = new Send(environment.snapshot(), ContentFingerprint.of(environment.snapshot()));
            Published last = acknowledged.get(send.id());
            if (last == null || last.fingerprint() != send.fingerprint()) {
                changed.add(send);
            } else if (!last.collectedAt().plus(heartbeatAfter).isAfter(now)) {
                heartbeats.add(send);
            } else {
                unchanged++;
            }
        }
        Set<String> seen = scanned.stream().map(ScannedEnvironment::id).collect(Collectors.toSet());
        List<Gone> deleted = acknowledged.entrySet().stream()
                .filter(e -> !seen.contains(e.getKey()) && !folderExists.test(e.getValue().prefix()))
                .map(e -> new Gone(e.getKey(), e.getValue().prefix()))
                .toList();
        return new PublishPlan(changed, heartbeats, deleted, unchanged);
    }

    /**
     * Every snapshot as it is, none compared with anything: snapshots made elsewhere, published from files. Nothing
     * remembers what was sent, so no fingerprint is worked out (0).
     */
    public static PublishPlan sendAll(List<EnvironmentSnapshot> snapshots) {
        return new PublishPlan(snapshots.stream().map(s -> new Send(s, 0L)).toList(), List.of(), List.of(), 0);
    }
}
