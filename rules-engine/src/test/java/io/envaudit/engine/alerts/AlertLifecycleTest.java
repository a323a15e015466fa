package io.envaudit.engine.alerts;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertLifecycleTest {
    private static final Instant T1 = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-30T09:05:00Z");

    private static EnvironmentSnapshot snapshot(Instant collectedAt) {
        return EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId("h").setHostname("gpu-07").setLabels(Map.of("team", "vision")).build())
                .setEnvironment(Environment.newBuilder().setId("h//env").setPrefix("/env").setManager(EnvironmentManager.VENV).build())
                .setPlatform(Platform.newBuilder().build()).setCollectedAt(collectedAt).setPackages(List.of()).build();
    }

    private static Conflict protobuf(String version, String waivedBy) {
        return new Conflict("tf-protobuf", Severity.ERROR, "tensorflow",
                List.of(new PackageRef("protobuf", version, "PIP", "pypi", null), new PackageRef("tensorflow", "2.10.0", "PIP", "pypi", null)),
                "tensorflow 2.10.0 has requirement protobuf<3.20, but you have protobuf " + version + ".", "pip install 'protobuf<3.20'", waivedBy);
    }

    private static AuditResult result(List<Conflict> conflicts, List<Undecided> undecided) {
        return new AuditResult("h//env", conflicts, undecided);
    }

    /** After a snapshot: every rule compared, a conflict no longer found is fixed. */
    private static AlertLifecycle.Transition afterSnapshot(Map<AlertKey, ConflictAlert> standing, EnvironmentSnapshot snapshot,
                                                           AuditResult result) {
        return AlertLifecycle.next(standing, snapshot, result, rule -> true, rule -> AlertLifecycle.FIXED);
    }

    @Test
    void aNewConflictOpensAndAnUnchangedOneSendsNothing() {
        AlertLifecycle.Transition first = afterSnapshot(Map.of(), snapshot(T1), result(List.of(protobuf("4.21.12", null)), List.of()));
        assertEquals(1, first.alerts().size());
        ConflictAlert open = first.alerts().get(0);
        assertEquals(AlertState.OPEN, open.getState());
        assertEquals(T1, open.getFirstSeen());
        assertEquals("team", open.getLabels().keySet().iterator().next());
        AlertLifecycle.Transition again = afterSnapshot(first.standing(), snapshot(T2), result(List.of(protobuf("4.21.12", null)), List.of()));
        assertEquals(List.of(), again.alerts());
        assertEquals(first.standing(), again.standing());
    }

    @Test
    void aChangedConflictIsSentAgainKeepingItsFirstSeen() {
        var first = afterSnapshot(Map.of(), snapshot(T1), result(List.of(protobuf("4.21.12", null)), List.of()));
        var changed = afterSnapshot(first.standing(), snapshot(T2), result(List.of(protobuf("4.22.0", null)), List.of()));
        assertEquals(1, changed.alerts().size());
        assertEquals(T1, changed.alerts().get(0).getFirstSeen());
        assertEquals(T2, changed.alerts().get(0).getLastSeen());
    }

    @Test
    void waivedThenOpenAgainThenResolved() {
        var open = afterSnapshot(Map.of(), snapshot(T1), result(List.of(protobuf("4.21.12", null)), List.of()));
        var waived = afterSnapshot(open.standing(), snapshot(T1), result(List.of(protobuf("4.21.12", "legacy")), List.of()));
        assertEquals(AlertState.WAIVED, waived.alerts().get(0).getState());
        assertEquals("legacy", waived.alerts().get(0).getReason());
        var reopened = afterSnapshot(waived.standing(), snapshot(T2), result(List.of(protobuf("4.21.12", null)), List.of()));
        assertEquals(AlertState.OPEN, reopened.alerts().get(0).getState());
        assertEquals(AlertLifecycle.WAIVER_ENDED, reopened.alerts().get(0).getReason());
        var again = afterSnapshot(reopened.standing(), snapshot(T2), result(List.of(protobuf("4.21.12", null)), List.of()));
        assertEquals(List.of(), again.alerts(), "an alert reopened when its waiver ended is not sent again while it stays open");
        var fixed = afterSnapshot(reopened.standing(), snapshot(T2), result(List.of(), List.of()));
        assertEquals(AlertState.RESOLVED, fixed.alerts().get(0).getState());
        assertEquals(AlertLifecycle.FIXED, fixed.alerts().get(0).getReason());
        assertEquals(Map.of(), fixed.standing());
    }

    @Test
    void anUndecidedRuleKeepsItsConflictStanding() {
        var open = afterSnapshot(Map.of(), snapshot(T1), result(List.of(protobuf("4.21.12", null)), List.of()));
        var unknown = afterSnapshot(open.standing(), snapshot(T2), result(List.of(),
                List.of(new Undecided("tf-protobuf", "tensorflow", "protobuf's version does not parse"))));
        assertEquals(List.of(), unknown.alerts());
        assertEquals(open.standing(), unknown.standing());
    }

    @Test
    void aReauditForOneRuleLeavesTheOtherRulesConflictsAlone() {
        Conflict other = new Conflict("numpy2", Severity.ERROR, "tensorflow", List.of(), "numpy 2", null, null);
        var open = afterSnapshot(Map.of(), snapshot(T1), result(List.of(protobuf("4.21.12", null), other), List.of()));
        assertEquals(2, open.alerts().size());
        var reaudit = AlertLifecycle.next(open.standing(), snapshot(T1), result(List.of(), List.of()), "numpy2"::equals,
                rule -> AlertLifecycle.RULE_DELETED);
        assertEquals(List.of("numpy2"), reaudit.alerts().stream().map(ConflictAlert::getRuleId).toList());
        assertEquals(AlertState.RESOLVED, reaudit.alerts().get(0).getState());
        assertEquals(AlertLifecycle.RULE_DELETED, reaudit.alerts().get(0).getReason());
        assertEquals(List.of(new AlertKey("tf-protobuf", "tensorflow")), List.copyOf(reaudit.standing().keySet()));
    }

    @Test
    void retiringAnEnvironmentResolvesEverythingWithItsReason() {
        var open = afterSnapshot(Map.of(), snapshot(T1), result(List.of(protobuf("4.21.12", null)), List.of()));
        List<ConflictAlert> retired = AlertLifecycle.resolveAll(open.standing(), AlertLifecycle.RETIRED, T2);
        assertEquals(AlertLifecycle.RETIRED, retired.get(0).getReason());
        assertEquals(T2, retired.get(0).getLastSeen());
    }
}
