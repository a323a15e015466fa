package io.envaudit.router.message;

import io.envaudit.router.config.ReceiverConfig;

/** How one kind of receiver wants a notification written: the JSON body of the POST. */
public interface MessageFormat {

    String render(Notice notice);

    static MessageFormat of(ReceiverConfig receiver) {
        return switch (receiver.type()) {
            case SLACK -> new SlackFormat(receiver.listLimit());
            case MATTERMOST, ROCKETCHAT -> new AttachmentsFormat(receiver.listLimit());
            case TEAMS -> new TeamsFormat(receiver.listLimit());
            case WEBHOOK -> new WebhookFormat();
            case ALERTMANAGER -> new AlertmanagerFormat();
        };
    }
}
