package io.envaudit.router.routing;

import io.envaudit.schemas.ConflictAlert;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The labels a route matches an alert on: the host's own labels ({@code team}, {@code site}, ...) and, over
 * them, the alert's facts under fixed names. A host label with one of those names is hidden by the fact.
 */
public final class AlertLabels {
    public static final String SEVERITY = "severity";
    public static final String RULE = "rule";
    public static final String SUBJECT = "subject";
    public static final String STATE = "state";
    public static final String HOST = "host";
    public static final String HOST_ID = "host_id";
    public static final String ENVIRONMENT = "environment";
    public static final String ENVIRONMENT_ID = "environment_id";
    public static final String ENVIRONMENT_NAME = "environment_name";
    /** The host label that names the team owning the machine; messages say "on team ...". */
    public static final String TEAM = "team";

    private AlertLabels() {
    }

    /** Severity and state in lower case, as routes files write them; the environment is its prefix (path). */
    public static Map<String, String> of(ConflictAlert alert) {
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put(SEVERITY, alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put(RULE, alert.getRuleId());
        labels.put(SUBJECT, alert.getSubject());
        labels.put(STATE, alert.getState().name().toLowerCase(Locale.ROOT));
        labels.put(HOST, alert.getHostname());
        labels.put(HOST_ID, alert.getHostId());
        labels.put(ENVIRONMENT, alert.getPrefix());
        labels.put(ENVIRONMENT_ID, alert.getEnvironmentId());
        if (alert.getEnvironmentName() != null) {
            labels.put(ENVIRONMENT_NAME, alert.getEnvironmentName());
        }
        return labels;
    }
}
