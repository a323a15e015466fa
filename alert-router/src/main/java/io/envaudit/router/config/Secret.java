package io.envaudit.router.config;

/**
 * A value that must never be shown: a webhook URL (the URL is the credential for Slack, Teams and
 * Mattermost) or a token. It prints as where it came from ({@code $SLACK_URL}, {@code file /run/secrets/x}),
 * and {@link #redact} removes it from any text that might quote it, such as an exception's message.
 */
public final class Secret {
    private static final String HIDDEN = "<hidden>";

    private final String value;
    private final String source;

    Secret(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** The value, for the one place that needs it: building the request. */
    public String reveal() {
        return value;
    }

    /** Where the value came from, safe to print. */
    public String source() {
        return source;
    }

    /** The text with every occurrence of the value replaced. */
    public String redact(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, HIDDEN);
    }

    @Override
    public String toString() {
        return source;
    }
}
