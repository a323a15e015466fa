package io.envaudit.router;

import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.OffendingPackage;
import io.envaudit.schemas.Severity;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Conflict alerts as the auditor writes them, varied one field at a time. */
public final class TestAlerts {
    public static final Instant FIRST_SEEN = Instant.parse("2026-11-30T09:00:00Z");

    private TestAlerts() {
    }

    /** The seed sample's conda-depends conflict: keras 2.4.3 beside tensorflow-base 2.10.0, on ws-ml-03 of team ml-vision. */
    public static ConflictAlert.Builder open() {
        return ConflictAlert.newBuilder()
                .setEnvironmentId("9c4e2a1f//home/ana/miniconda3/envs/tf210")
                .setHostId("9c4e2a1f")
                .setHostname("ws-ml-03")
                .setLabels(Map.of("team", "ml-vision", "site", "lyon"))
                .setEnvironmentName("tf210")
                .setPrefix("/home/ana/miniconda3/envs/tf210")
                .setRuleId("conda-depends")
                .setSeverity(Severity.ERROR)
                .setSubject("tensorflow-base")
                .setState(AlertState.OPEN)
                .setReason(null)
                .setOffending(List.of(
                        new OffendingPackage("tensorflow-base", "2.10.0", Installer.CONDA, "defaults", "mkl_py310hb9daa73_0"),
                        new OffendingPackage("keras", "2.4.3", Installer.CONDA, "anaconda", "hd3eb1b0_0")))
                .setExplanation("tensorflow-base 2.10.0 has requirement keras 2.10.*, but you have keras 2.4.3 hd3eb1b0_0.")
                .setFix("conda install 'keras 2.10.*'")
                .setFirstSeen(FIRST_SEEN)
                .setLastSeen(FIRST_SEEN);
    }

    /** The same conflict on another host: {@code ws-<n>} with environment id {@code host-<n>//...}. */
    public static ConflictAlert.Builder onHost(int n) {
        ConflictAlert.Builder alert = open();
        return alert.setHostId("host-" + n).setHostname("ws-" + n).setEnvironmentId("host-" + n + "//" + alert.getPrefix());
    }

    public static ConflictAlert.Builder withLabel(ConflictAlert.Builder alert, String name, String value) {
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put(name, value);
        return alert.setLabels(labels);
    }

    /** The alert fixed: RESOLVED, reason fixed, seen an hour later. */
    public static ConflictAlert resolved(ConflictAlert alert) {
        return ConflictAlert.newBuilder(alert).setState(AlertState.RESOLVED).setReason("fixed")
                .setLastSeen(alert.getLastSeen().plusSeconds(3600)).build();
    }

    /** The key envaudit.alerts gives it: environment id, rule id, subject, NUL-separated. */
    public static String key(ConflictAlert alert) {
        return alert.getEnvironmentId() + "\0" + alert.getRuleId() + "\0" + alert.getSubject();
    }
}
