package io.envaudit.router.loop;

import io.envaudit.router.TestAlerts;
import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.router.log.Position;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grouping on a clock the test sets: one group per (receiver, rule) and window, whatever the number of alerts. */
class GrouperTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;

    private Map<String, ReceiverConfig> receivers() throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), String.join("\n",
                "group_window: 30s",
                "receivers:",
                "  - {name: slack, type: slack, url_env: SLACK}",
                "  - {name: hook, type: webhook, url: 'http://127.0.0.1:9/', group_window: 5s}",
                "route:",
                "  receiver: slack", ""));
        RoutesConfig routes = RoutesFile.load(file, Map.of("SLACK", "https://hooks.slack.com/services/T/B/X"));
        return routes.receivers();
    }

    @Test
    void fiveThousandAlertsOfTwoRulesForTwoReceiversMakeFourGroups() throws Exception {
        Map<String, ReceiverConfig> receivers = receivers();
        Grouper grouper = new Grouper();
        for (int i = 0; i < 5000; i++) {
            ConflictAlert alert = TestAlerts.onHost(i).setRuleId(i % 2 == 0 ? "numpy-abi" : "protobuf-4-tf").build();
            Instant at = T0.plusMillis(i); // all within five seconds
            grouper.add(receivers.get("slack"), TestAlerts.key(alert), alert, new Position(i % 4, i / 4), at);
            grouper.add(receivers.get("hook"), TestAlerts.key(alert), alert, new Position(i % 4, i / 4), at);
        }
        assertEquals(Optional.of(T0.plusSeconds(5)), grouper.nextClose());
        assertEquals(List.of(), grouper.closeDue(T0.plusMillis(4999)));
        List<Grouper.Closed> hook = new ArrayList<>(grouper.closeDue(T0.plusSeconds(5)));
        assertEquals(1, hook.size(), "the first rule's window opened at T0, the second's a millisecond later");
        hook.addAll(grouper.closeDue(T0.plusSeconds(5).plusMillis(1)));
        assertEquals(List.of("numpy-abi", "protobuf-4-tf"), hook.stream().map(Grouper.Closed::ruleId).toList());
        assertTrue(hook.stream().allMatch(g -> g.receiver().name().equals("hook") && g.alerts().size() == 2500));
        List<Grouper.Closed> slack = grouper.closeDue(T0.plusSeconds(31));
        assertEquals(List.of("numpy-abi", "protobuf-4-tf"), slack.stream().map(Grouper.Closed::ruleId).toList());
        assertTrue(grouper.isEmpty());
    }

    @Test
    void aGroupKeepsTheLatestEventOfEachAlertAndEveryRecord() throws Exception {
        ReceiverConfig slack = receivers().get("slack");
        Grouper grouper = new Grouper();
        ConflictAlert open = TestAlerts.open().build();
        grouper.add(slack, TestAlerts.key(open), open, new Position(2, 10), T0);
        grouper.add(slack, TestAlerts.key(open), TestAlerts.resolved(open), new Position(2, 14), T0.plusSeconds(1));
        Grouper.Closed closed = grouper.closeDue(T0.plusSeconds(30)).get(0);
        Grouper.Alert alert = closed.alerts().get(TestAlerts.key(open));
        assertEquals(AlertState.RESOLVED, alert.latest().getState());
        assertEquals(List.of(new Position(2, 10), new Position(2, 14)), alert.positions());
    }

    @Test
    void aWindowOpensWithItsFirstAlertAndANewOneAfterItCloses() throws Exception {
        ReceiverConfig slack = receivers().get("slack");
        Grouper grouper = new Grouper();
        ConflictAlert alert = TestAlerts.open().build();
        grouper.add(slack, "a", alert, new Position(0, 0), T0);
        grouper.add(slack, "b", alert, new Position(0, 1), T0.plusSeconds(29));
        assertEquals(2, grouper.closeDue(T0.plusSeconds(30)).get(0).alerts().size());
        grouper.add(slack, "c", alert, new Position(0, 2), T0.plusSeconds(31));
        assertEquals(Optional.of(T0.plusSeconds(61)), grouper.nextClose());
        assertEquals(Duration.ofSeconds(30), slack.groupWindow());
    }
}
