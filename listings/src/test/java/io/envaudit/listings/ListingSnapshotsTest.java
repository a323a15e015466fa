package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A listing given an identity. */
class ListingSnapshotsTest {
    private static final Instant AT = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void withNoIdentityGivenTheHostIsUnknownAndTheListingsPrefixMakesTheId() {
        EnvironmentSnapshot s = ListingSnapshots.snapshot(RealEnvs.read("tf212-gpu-defaults-condalist.txt"),
                ListingIdentity.collectedAt(AT), "/tmp/in/tf212-gpu-defaults-condalist.txt");
        assertEquals("unknown", s.getHost().getId());
        assertEquals("unknown", s.getHost().getHostname());
        assertEquals("/home/jordan/anaconda3/envs/tf-2.12", s.getEnvironment().getPrefix());
        assertEquals("unknown//home/jordan/anaconda3/envs/tf-2.12", s.getEnvironment().getId());
        assertEquals("tf-2.12", s.getEnvironment().getName());
        assertEquals("3.10.12", s.getPlatform().getPythonVersion(), "from the conda python package");
        assertEquals(AT, s.getCollectedAt());
        assertEquals("linux-64", s.getPlatform().getSubdir(), "a conda list states no platform: its linux-64 packages show it");
        assertEquals("conda-list listing tf212-gpu-defaults-condalist.txt; platform linux-64 inferred from ld_impl_linux-64, libgcc-ng, "
                + "libstdcxx-ng", s.getSource());
    }

    @Test
    void aListingThatStatesNoPrefixTakesItsPathAndTheSourceCountsTheSkippedLines() {
        EnvironmentSnapshot s = ListingSnapshots.snapshot(RealEnvs.read("food101-pytorch241-cu118-same-env-pip-freeze.txt"),
                ListingIdentity.collectedAt(AT), "envs/food101-pytorch241-cu118-same-env-pip-freeze.txt");
        assertEquals("envs/food101-pytorch241-cu118-same-env-pip-freeze.txt", s.getEnvironment().getPrefix());
        assertNull(s.getPlatform().getPythonVersion(), "pip freeze does not say");
        assertEquals("pip-freeze listing food101-pytorch241-cu118-same-env-pip-freeze.txt; 39 lines not read "
                + "(line 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...)", s.getSource());
    }

    @Test
    void anIdentityGivenOverridesWhatTheListingSays() {
        EnvironmentSnapshot s = ListingSnapshots.snapshot(RealEnvs.read("tf212-gpu-defaults-condalist.txt"),
                new ListingIdentity("ws-01", "ws-01.lab", null, "/opt/envs/tf", Map.of("team", "vision"), AT), "tf212.txt");
        assertEquals("ws-01", s.getHost().getId());
        assertEquals("ws-01.lab", s.getHost().getHostname());
        assertEquals(Map.of("team", "vision"), s.getHost().getLabels());
        assertEquals("/opt/envs/tf", s.getEnvironment().getPrefix());
        assertEquals("ws-01//opt/envs/tf", s.getEnvironment().getId());
        EnvironmentSnapshot named = ListingSnapshots.snapshot(RealEnvs.read("tf212-gpu-defaults-condalist.txt"),
                new ListingIdentity("ws-01", null, "ws-01/tf", null, null, AT), "tf212.txt");
        assertEquals("ws-01/tf", named.getEnvironment().getId());
        assertEquals("ws-01", named.getHost().getHostname());
    }
}
