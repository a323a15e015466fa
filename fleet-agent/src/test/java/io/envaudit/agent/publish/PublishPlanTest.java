package io.envaudit.agent.publish;

import io.envaudit.agent.publish.PublishedEnvironments.Published;
import io.envaudit.agent.scan.ScannedEnvironment;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishPlanTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration HEARTBEAT = Duration.ofHours(1);

    static ScannedEnvironment scanned(String prefix, Instant collectedAt, String numpyVersion) {
        EnvironmentSnapshot snapshot = EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId("host-1").setHostname("ws-1").setLabels(Map.of("team", "vision")).build())
                .setEnvironment(Environment.newBuilder().setId("host-1/" + prefix).setName(Path.of(prefix).getFileName().toString())
                        .setPrefix(prefix).setManager(EnvironmentManager.VENV).build())
                .setPlatform(Platform.newBuilder().setOs("linux").setArch("x86_64").setPythonVersion("3.11.9").build())
                .setCollectedAt(collectedAt)
                .setSource("agent")
                .setPackages(List.of(InstalledPackage.newBuilder().setName("numpy").setVersion(numpyVersion)
                        .setInstaller(Installer.PIP).setChannel("pypi").build()))
                .build();
        return new ScannedEnvironment(snapshot, List.of(), Map.of());
    }

    private static PublishedEnvironments acknowledged(ScannedEnvironment environment, Instant collectedAt) {
        PublishedEnvironments published = PublishedEnvironments.none();
        published.acknowledged(environment.id(), new Published(Path.of(environment.snapshot().getEnvironment().getPrefix()),
                ContentFingerprint.of(environment.snapshot()), collectedAt));
        return published;
    }

    @Test
    void anEnvironmentNeverAcknowledgedIsSent() {
        PublishPlan plan = PublishPlan.of(List.of(scanned("/srv/a", NOW, "1.26.4")), PublishedEnvironments.none(), NOW, HEARTBEAT, p -> true);
        assertEquals(List.of("host-1//srv/a"), plan.changed().stream().map(PublishPlan.Send::id).toList());
        assertTrue(plan.heartbeats().isEmpty() && plan.deleted().isEmpty());
    }

    @Test
    void theSameContentCollectedLaterIsNotSentUntilTheHeartbeatIsDue() {
        ScannedEnvironment first = scanned("/srv/a", NOW.minus(Duration.ofMinutes(59)), "1.26.4");
        PublishedEnvironments published = acknowledged(first, first.snapshot().getCollectedAt());
        ScannedEnvironment again = scanned("/srv/a", NOW, "1.26.4");

        PublishPlan quiet = PublishPlan.of(List.of(again), published, NOW, HEARTBEAT, p -> true);
        assertTrue(quiet.changed().isEmpty() && quiet.heartbeats().isEmpty() && quiet.deleted().isEmpty());
        assertEquals(1, quiet.unchanged());

        PublishPlan due = PublishPlan.of(List.of(again), published, NOW.plus(Duration.ofMinutes(1)), HEARTBEAT, p -> true);
        assertEquals(1, due.heartbeats().size());
        assertTrue(due.changed().isEmpty());
    }

    @Test
    void aZeroHeartbeatSendsEveryEnvironment() {
        ScannedEnvironment environment = scanned("/srv/a", NOW, "1.26.4");
        PublishPlan plan = PublishPlan.of(List.of(environment), acknowledged(environment, NOW), NOW, Duration.ZERO, p -> true);
        assertEquals(1, plan.heartbeats().size());
    }

    @Test
    void changedContentIsSentAtOnce() {
        ScannedEnvironment before = scanned("/srv/a", NOW.minusSeconds(60), "1.26.4");
        ScannedEnvironment after = scanned("/srv/a", NOW, "2.0.0");
        assertNotEquals(ContentFingerprint.of(before.snapshot()), ContentFingerprint.of(after.snapshot()));
        PublishPlan plan = PublishPlan.of(List.of(after), acknowledged(before, NOW.minusSeconds(60)), NOW, HEARTBEAT, p -> true);
        assertEquals(1, plan.changed().size());
    }

    @Test
    void anAcknowledgedEnvironmentWhoseFolderIsGoneGetsATombstone_oneStillOnDiskIsLeftAlone() {
        PublishedEnvironments published = acknowledged(scanned("/srv/gone", NOW, "1.26.4"), NOW);
        published.acknowledged("host-1//srv/unread", new Published(Path.of("/srv/unread"), 42L, NOW));
        Set<Path> onDisk = Set.of(Path.of("/srv/unread"));

        PublishPlan plan = PublishPlan.of(List.of(), published, NOW, HEARTBEAT, onDisk::contains);

        assertEquals(List.of(new PublishPlan.Gone("host-1//srv/gone", Path.of("/srv/gone"))), plan.deleted());
    }

    @Test
    void anEnvironmentScannedIsNeverDeletedEvenWhenItsFolderTestFails() {
        ScannedEnvironment environment = scanned("/srv/a", NOW, "1.26.4");
        PublishPlan plan = PublishPlan.of(List.of(environment), acknowledged(environment, NOW), NOW, HEARTBEAT, p -> false);
        assertTrue(plan.deleted().isEmpty());
    }
}
