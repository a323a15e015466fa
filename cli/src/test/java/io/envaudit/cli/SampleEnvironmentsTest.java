package io.envaudit.cli;

import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The samples envaudit up publishes, as the jar's class path holds them. */
class SampleEnvironmentsTest {

    @Test
    void theSeedAndEveryFleetSampleOfTheIndexAreOnTheClassPathEachItsOwnEnvironment() {
        List<String> resources = SampleEnvironments.resources();
        assertEquals(SampleEnvironments.SEED, resources.get(0));
        assertEquals(9, resources.size(), resources.toString());
        List<EnvironmentSnapshot> samples = resources.stream().map(SampleEnvironments::read).toList();
        Set<String> ids = samples.stream().map(s -> s.getEnvironment().getId()).collect(Collectors.toSet());
        assertEquals(resources.size(), ids.size(), "one environment id per sample, or up would publish one over another");
        assertEquals(Set.of("ws-ml-03", "ws-01", "ws-02", "ws-03", "ws-04", "ws-05", "ws-06"),
                samples.stream().map(s -> s.getHost().getHostname()).collect(Collectors.toSet()));
    }
}
