package io.envaudit.status;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProbeTest {

    @Test
    void partsTogetherAreReadyOnlyWhenEveryPartIsAndTheDetailNamesEachInOrder() {
        AtomicReference<Probe.Answer> auditor = new AtomicReference<>(Probe.Answer.yes("ready"));
        AtomicReference<Probe.Answer> router = new AtomicReference<>(Probe.Answer.no("joining consumer group envaudit-router"));
        Map<String, Probe> parts = new LinkedHashMap<>();
        parts.put("auditor", auditor::get);
        parts.put("router", router::get);
        Probe both = Probe.all(parts);

        assertEquals(Probe.Answer.no("auditor: ready; router: joining consumer group envaudit-router"), both.check());
        router.set(Probe.Answer.yes("ready: routing partitions 0 of envaudit.alerts"));
        assertEquals(Probe.Answer.yes("auditor: ready; router: ready: routing partitions 0 of envaudit.alerts"), both.check(),
                "asked again at each check");
        auditor.set(Probe.Answer.no("REBALANCING, not ready"));
        assertEquals(Probe.Answer.no("auditor: REBALANCING, not ready; router: ready: routing partitions 0 of envaudit.alerts"),
                both.check());
    }
}
