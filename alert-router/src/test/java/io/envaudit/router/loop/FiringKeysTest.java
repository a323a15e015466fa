package io.envaudit.router.loop;

import io.envaudit.router.TestAlerts;
import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.schemas.AlertState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which Alertmanager receivers keep an alert firing, as routing and the firing log say. */
class FiringKeysTest {
    @TempDir
    Path dir;

    private Map<String, ReceiverConfig> receivers() throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), String.join("\n",
                "receivers:",
                "  - {name: pager, type: alertmanager, url: 'http://127.0.0.1:9/'}",
                "  - {name: hook, type: webhook, url: 'http://127.0.0.1:9/'}",
                "route:",
                "  receiver: pager", ""));
        return RoutesFile.load(file, Map.of()).receivers();
    }

    @Test
    void anOpenAlertFiresAtAnAlertmanagerReceiverUntilItIsRoutedThereAsEnded() throws Exception {
        Map<String, ReceiverConfig> receivers = receivers();
        FiringKeys firing = new FiringKeys();
        firing.routed(receivers.get("pager"), "a", TestAlerts.open().build());
        firing.routed(receivers.get("hook"), "a", TestAlerts.open().build());
        assertEquals(List.of("pager"), firing.receiversFiring("a"), "only Alertmanager keeps alerts firing");
        assertEquals(List.of(), firing.receiversFiring("b"));

        firing.routed(receivers.get("pager"), "a", TestAlerts.open().setState(AlertState.RESOLVED).build());
        assertEquals(List.of(), firing.receiversFiring("a"));
    }

    @Test
    void whatTheLogSaysReplacesWhatRoutingKnewAndAClearForgetsAll() throws Exception {
        FiringKeys firing = new FiringKeys();
        firing.routed(receivers().get("pager"), "a", TestAlerts.open().build());
        firing.restore("pager", Set.of("b"));
        assertEquals(List.of(), firing.receiversFiring("a"));
        assertEquals(List.of("pager"), firing.receiversFiring("b"));
        firing.clear();
        assertEquals(List.of(), firing.receiversFiring("b"));
    }
}
