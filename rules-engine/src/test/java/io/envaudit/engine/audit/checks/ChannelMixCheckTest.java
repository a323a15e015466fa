package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.checks.CheckFixtures.Findings;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.envaudit.engine.audit.checks.CheckFixtures.change;
import static io.envaudit.engine.audit.checks.CheckFixtures.condaList;
import static io.envaudit.engine.audit.checks.CheckFixtures.snapshot;
import static io.envaudit.engine.audit.checks.CheckFixtures.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelMixCheckTest {
    private static final ChannelMixCheck CHECK = new ChannelMixCheck();

    private static Findings run(EnvironmentSnapshot snapshot) {
        return CheckFixtures.run(CHECK, snapshot);
    }

    private static EnvironmentSnapshot listing(String file) {
        return condaList(file, snapshot("linux-base.json"));
    }

    @Test
    void epilepsyListingOneCondaForgePackageAmongDefaults() {
        // 170 defaults records (blank channel column), ca-certificates from conda-forge; the 48
        // nvidia/label/cuda-11.8.0 records and 51 pip installs do not count
        Findings findings = run(listing("epilepsy-pip-torch201-cu118-nvidia-label-condalist.txt"));
        Conflict conflict = findings.conflicts.get(0);
        assertEquals(1, findings.conflicts.size());
        assertEquals("channel-mix", conflict.ruleId());
        assertEquals(Severity.WARNING, conflict.severity());
        assertEquals("channels", conflict.subject());
        assertEquals("170 conda packages from defaults and 1 conda package from conda-forge in one environment; "
                + "the channels build against different library versions.", conflict.explanation());
        assertEquals(List.of("_libgcc_mutex", "_openmp_mutex", "anyio", "argon2-cffi", "argon2-cffi-bindings", "ca-certificates"),
                conflict.offending().stream().map(PackageRef::name).toList());
        assertEquals(new PackageRef("ca-certificates", "2024.2.2", "CONDA", "conda-forge", "hbcca054_0"), conflict.offending().get(5));
        assertEquals("conda config --env --set channel_priority strict; reinstall what came from conda-forge from defaults: "
                + "conda install --override-channels -c defaults ca-certificates", conflict.fix());
    }

    @Test
    void trafficSignListingCountsMirrorUrlsAsDefaultsAndListsFiveOfEachSide() {
        // defaults written three ways: blank, "defaults" and the tuna mirror's .../anaconda/pkgs/main and pkgs/free
        Conflict conflict = run(listing("trafficsign-tfgpu1131-pip-three-scipy-mirror-channel-condalist.txt")).conflicts.get(0);
        assertEquals("50 conda packages from defaults and 66 conda packages from conda-forge in one environment; "
                + "the channels build against different library versions.", conflict.explanation());
        assertEquals(10, conflict.offending().size());
        assertEquals(List.of("defaults", "defaults", "defaults", "defaults", "defaults",
                        "conda-forge", "conda-forge", "conda-forge", "conda-forge", "conda-forge"),
                conflict.offending().stream().map(PackageRef::channel).toList());
        String command = "conda config --env --set channel_priority strict; reinstall what came from defaults from conda-forge: "
                + "conda install --override-channels -c conda-forge ";
        assertTrue(conflict.fix().startsWith(command + "_libgcc_mutex astroid blas cffi freetype "), conflict.fix());
        List<String> reinstalled = List.of(conflict.fix().substring(command.length()).split(" "));
        assertEquals(50, reinstalled.size(), "every package from defaults, so that the command can be pasted as it is: " + conflict.fix());
        assertEquals(50, reinstalled.stream().distinct().count());
    }

    @Test
    void oneChannelThroughAMirrorIsNoMix() {
        assertEquals(List.of(), run(listing("esrgan-keras-tf114-gpu-win-condalist.txt")).conflicts);
    }

    @Test
    void withoutItsOneCondaForgePackageTheEpilepsyEnvironmentIsNoMix() {
        assertEquals(List.of(), run(without(listing("epilepsy-pip-torch201-cu118-nvidia-label-condalist.txt"), "ca-certificates")).conflicts);
    }

    @Test
    void otherChannelsAndPipInstallsDoNotCount() {
        EnvironmentSnapshot snapshot = snapshot("channels-no-mix.json");
        assertEquals(List.of(), run(snapshot).conflicts);
        // a pip install whose channel says conda-forge is still a pip install
        assertEquals(List.of(), run(change(snapshot, "protobuf", p -> p.setChannel("conda-forge"))).conflicts);
        // anaconda is its own channel, not defaults
        assertEquals(List.of(), run(change(change(snapshot, "python", p -> p.setChannel("conda-forge")),
                "cuda-runtime", p -> p.setChannel("conda-forge"))).conflicts);
        assertEquals(1, run(change(snapshot, "pytorch", p -> p.setChannel("https://conda.anaconda.org/conda-forge/linux-64"))).conflicts.size());
    }

    @Test
    void theSeverityGivenIsTheSeverityReported() {
        Findings findings = CheckFixtures.run(CHECK, listing("epilepsy-pip-torch201-cu118-nvidia-label-condalist.txt"), Severity.ERROR);
        assertEquals(Severity.ERROR, findings.conflicts.get(0).severity());
    }

    @Test
    void aCondaRecordWhoseChannelIsUnknownIsNeitherSide() {
        // conda list --export and environment.yml name no channel per package: not a blank conda list column, unknown
        EnvironmentSnapshot snapshot = change(change(snapshot("channels-no-mix.json"), "python", p -> p.setChannel(null)),
                "cuda-runtime", p -> p.setChannel("conda-forge"));
        assertEquals(List.of(), run(snapshot).conflicts);
        assertEquals(1, run(change(snapshot, "python", p -> p.setChannel("defaults"))).conflicts.size());
    }
}
