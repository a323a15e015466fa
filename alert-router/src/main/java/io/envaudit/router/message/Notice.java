package io.envaudit.router.message;

import io.envaudit.schemas.ConflictAlert;

import java.time.Instant;
import java.util.List;

/**
 * What one notification is about: the latest event of each of its alerts, all of one rule, for one receiver.
 *
 * @param id        the notification's id, which webhooks receive to recognise a re-post
 * @param createdAt when the router put it together
 */
public record Notice(String id, String receiver, String ruleId, List<ConflictAlert> alerts, Instant createdAt) {

    public Notice {
        alerts = List.copyOf(alerts);
    }
}
