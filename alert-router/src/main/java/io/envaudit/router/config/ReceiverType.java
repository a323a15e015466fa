package io.envaudit.router.config;

import java.util.Locale;

/** Where a receiver's messages go, and so how they are written (docs/router.md). */
public enum ReceiverType {
    /** Slack incoming webhook: Block Kit blocks with a {@code text} fallback. */
    SLACK(true),
    /** Mattermost incoming webhook: {@code text} and legacy {@code attachments} (it renders no Block Kit). */
    MATTERMOST(true),
    /** Rocket.Chat incoming webhook: the same shape as Mattermost. */
    ROCKETCHAT(true),
    /** Microsoft Teams workflow ("when a Teams webhook request is received"): an Adaptive Card. */
    TEAMS(true),
    /** Any HTTP endpoint: envaudit's own JSON, every alert in full. */
    WEBHOOK(false),
    /** Prometheus Alertmanager, {@code POST /api/v2/alerts}: firing alerts kept alive, resolved ones ended. */
    ALERTMANAGER(false);

    private final boolean chat;

    ReceiverType(boolean chat) {
        this.chat = chat;
    }

    /**
     * Chat webhooks carry their credential in the URL, so it may only come from a variable or a file; their
     * messages list a few alerts for people, while the others carry every alert for programs.
     */
    public boolean chat() {
        return chat;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
