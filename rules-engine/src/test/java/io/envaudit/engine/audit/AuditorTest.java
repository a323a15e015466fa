package io.envaudit.engine.audit;

import io.envaudit.engine.rules.Glob;
import io.envaudit.engine.rules.PackageSpec;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.RuleSet;
import io.envaudit.engine.rules.Scope;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.rules.Waiver;
import io.envaudit.engine.version.Flavor;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.envaudit.engine.audit.TestSnapshots.environment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule semantics of docs/rules.md, one statement per test, on rules built in code. */
class AuditorTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static List<PackageSpec> specs(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> t.startsWith("conda:")
                ? PackageSpec.parse(t.substring(6), Flavor.CONDA) : PackageSpec.parse(t, Flavor.PEP440)).toList();
    }

    private static Rule rule(String id, Scope scope, List<PackageSpec> when, List<PackageSpec> require, List<PackageSpec> forbid) {
        return new Rule(id, "test rule " + id, List.of("https://example.org/source"), Severity.ERROR, scope, when, require,
                forbid, List.of(), null, "fix " + id, "user", "");
    }

    private static final Rule PROTOBUF_CAP = rule("tf-2.10-protobuf",
            new Scope(Map.of(), List.of(), List.of(), Map.of(), Set.of(), Set.of("pypi", "defaults")),
            specs("tensorflow>=2.10,<2.11"), specs("protobuf>=3.9.2,<3.20"), List.of());

    private static AuditResult audit(EnvironmentView environment, Rule... rules) {
        return new Auditor(new RuleSet(List.of(rules), List.of(), Map.of()), List.of()).audit(environment, NOW);
    }

    @Test
    void aRequirementOutsideItsRangeIsAConflictNamingSubjectPackagesAndFix() {
        AuditResult result = audit(environment().pip("tensorflow", "2.10.0").pip("protobuf", "4.21.12").view(), PROTOBUF_CAP);
        assertEquals(1, result.conflicts().size());
        Conflict conflict = result.conflicts().get(0);
        assertEquals("tf-2.10-protobuf", conflict.ruleId());
        assertEquals("tensorflow", conflict.subject());
        assertEquals("tensorflow 2.10.0 has requirement protobuf>=3.9.2,<3.20, but you have protobuf 4.21.12.", conflict.explanation());
        assertEquals(List.of("protobuf", "tensorflow"), conflict.offending().stream().map(PackageRef::name).sorted().toList());
        assertEquals("fix tf-2.10-protobuf", conflict.fix());
        assertTrue(result.drifted(Severity.WARNING));
    }

    @Test
    void aRequirementInRangeOrARuleThatDoesNotApplyFindsNothing() {
        assertEquals(List.of(), audit(environment().pip("tensorflow", "2.10.0").pip("protobuf", "3.19.6").view(), PROTOBUF_CAP).conflicts());
        assertEquals(List.of(), audit(environment().pip("tensorflow", "2.12.0").pip("protobuf", "4.21.12").view(), PROTOBUF_CAP).conflicts());
    }

    @Test
    void aMissingRequiredPackageIsAConflictUnlessTheListingIsPartial() {
        assertEquals("tensorflow 2.10.0 requires protobuf, which is not installed.",
                audit(environment().pip("tensorflow", "2.10.0").view(), PROTOBUF_CAP).conflicts().get(0).explanation());
        AuditResult partial = audit(environment().pip("tensorflow", "2.10.0").partial().view(), PROTOBUF_CAP);
        assertEquals(List.of(), partial.conflicts());
        assertEquals(1, partial.undecided().size());
    }

    @Test
    void theScopesChannelsDecideWhichBuildsARuleFromWheelMetadataJudges() {
        // conda-forge builds TensorFlow against its own protobuf: the rule names pypi and defaults only
        EnvironmentView condaForge = environment().conda("tensorflow", "2.10.0", "conda-forge", "cpu_py310h1")
                .conda("protobuf", "4.21.12", "conda-forge", "py310h1").view();
        assertEquals(List.of(), audit(condaForge, PROTOBUF_CAP).conflicts());
    }

    @Test
    void aCondaRecordIsJudgedByItsOwnDependsWhereItRecordsThem() {
        EnvironmentView defaultsWithDepends = environment()
                .conda("tensorflow-base", "2.10.0", "defaults", "mkl_py310h1", "protobuf >=3.9.2", "python >=3.10,<3.11.0a0")
                .conda("protobuf", "4.21.12", "defaults", "py310h1").view();
        assertEquals(List.of(), audit(defaultsWithDepends, PROTOBUF_CAP).conflicts());
        EnvironmentView defaultsWithoutDepends = environment().conda("tensorflow-base", "2.10.0", "defaults", "mkl_py310h1")
                .conda("protobuf", "4.21.12", "defaults", "py310h1").view();
        assertEquals(1, audit(defaultsWithoutDepends, PROTOBUF_CAP).conflicts().size(), "no depends recorded: the scope decides");
    }

    @Test
    void anUnparseableVersionLeavesTheRuleUndecidedNotBroken() {
        AuditResult result = audit(environment().pip("tensorflow", "2.10.0").pip("protobuf", "4.21.12ubuntu1").view(), PROTOBUF_CAP);
        assertEquals(List.of(), result.conflicts());
        assertTrue(result.undecided().get(0).reason().contains("4.21.12ubuntu1"), result.undecided().toString());
    }

    @Test
    void forbiddenPackagesAreConflicts() {
        Rule numpy2 = rule("tf-numpy2", Scope.EVERYWHERE, specs("tensorflow<2.18"), List.of(), specs("numpy>=2"));
        AuditResult result = audit(environment().pip("tensorflow", "2.17.0").pip("numpy", "2.0.2").view(), numpy2);
        assertEquals("numpy 2.0.2 is installed beside tensorflow 2.17.0, which rules out numpy>=2.", result.conflicts().get(0).explanation());
        assertEquals(List.of(), audit(environment().pip("tensorflow", "2.18.0").pip("numpy", "2.0.2").view(), numpy2).conflicts());
    }

    @Test
    void aForbiddenRangeIsSaidToBeRuledOutNotToBeWhatIsNeeded() {
        // the complement of the one CUDA a build works with: printed bare, the range would read as the one needed
        Rule cuda = rule("tf-2.4-cuda11.0", Scope.EVERYWHERE, specs("tensorflow-gpu>=2.4,<2.5"), List.of(),
                specs("conda:cudatoolkit <11.0|>=11.1"));
        EnvironmentView mixed = environment().pip("tensorflow-gpu", "2.4.1").conda("cudatoolkit", "11.3.1", "conda-forge", "h1").view();
        assertEquals("cudatoolkit 11.3.1 is installed beside tensorflow-gpu 2.4.1, which rules out cudatoolkit <11.0|>=11.1.",
                audit(mixed, cuda).conflicts().get(0).explanation());
        Rule noSubject = rule("org.no-h5py", Scope.EVERYWHERE, List.of(), List.of(), specs("h5py"));
        assertEquals("h5py 3.1.0 is installed, and the rule forbids h5py.",
                audit(environment().pip("h5py", "3.1.0").view(), noSubject).conflicts().get(0).explanation());
        Rule itself = rule("old-h5py", Scope.EVERYWHERE, specs("h5py"), List.of(), specs("h5py<3"));
        assertEquals("h5py 2.10.0 is installed, and the rule forbids h5py<3.",
                audit(environment().pip("h5py", "2.10.0").view(), itself).conflicts().get(0).explanation(),
                "a subject that is the forbidden package itself is not said to be beside itself");
    }

    @Test
    void virtualPackagesCheckThePlatformAndAnUnknownFactIsUndecided() {
        Rule driver = rule("cuda12-driver", Scope.EVERYWHERE, specs("conda:cuda-version >=12,<13"),
                specs("__nvidia_driver>=525.60.13"), List.of());
        EnvironmentView old = environment().conda("cuda-version", "12.4", "conda-forge", "h1").nvidiaDriver("470.82.01", "11.4").view();
        assertEquals("cuda-version 12.4 requires __nvidia_driver>=525.60.13, but the NVIDIA driver version (__nvidia_driver) is 470.82.01.",
                audit(old, driver).conflicts().get(0).explanation());
        EnvironmentView unknown = environment().conda("cuda-version", "12.4", "conda-forge", "h1").view();
        AuditResult result = audit(unknown, driver);
        assertEquals(List.of(), result.conflicts());
        assertTrue(result.undecided().get(0).reason().contains("NVIDIA driver"), result.undecided().toString());
    }

    @Test
    void markersOnSpecsHoldAgainstTheEnvironment() {
        Rule py311 = rule("tf-py", Scope.EVERYWHERE, specs("tensorflow<2.12; python_version >= \"3.11\""), List.of(),
                specs("tensorflow<2.12"));
        assertEquals(1, audit(environment().pip("tensorflow", "2.10.0").python("3.11.4").view(), py311).conflicts().size());
        assertEquals(0, audit(environment().pip("tensorflow", "2.10.0").python("3.10.12").view(), py311).conflicts().size());
        assertEquals(1, audit(environment().pip("tensorflow", "2.10.0").view(), py311).undecided().size());
    }

    @Test
    void aSpecWhoseVersionIsNotInstalledDoesNotMatchWhateverItsMarker() {
        // the pack's tensorflow-2.16.2-numpy: on a pip freeze (no Python version) of tensorflow 2.1.0 it does not apply
        Rule pinned = rule("tf-2.16.2-numpy", Scope.EVERYWHERE, specs("tensorflow==2.16.2; python_version <= \"3.11\""),
                specs("numpy<2"), List.of());
        AuditResult other = audit(environment().pip("tensorflow", "2.1.0").pip("numpy", "2.0.0").view(), pinned);
        assertEquals(List.of(), other.conflicts());
        assertEquals(List.of(), other.undecided(), "false and unknown is false");
        AuditResult same = audit(environment().pip("tensorflow", "2.16.2").pip("numpy", "2.0.0").view(), pinned);
        assertEquals(1, same.undecided().size(), "true and unknown is unknown");

        Rule forbidden = rule("tf-numpy2", Scope.EVERYWHERE, specs("tensorflow"), List.of(), specs("numpy>=2; python_version >= \"3.12\""));
        assertEquals(List.of(), audit(environment().pip("tensorflow", "2.16.2").pip("numpy", "1.26.4").view(), forbidden).undecided());
        assertEquals(1, audit(environment().pip("tensorflow", "2.16.2").pip("numpy", "2.0.0").view(), forbidden).undecided().size());
    }

    @Test
    void aRequirementWithAMarkerAppliesWhereTheMarkerHolds() {
        Rule numpyOn312 = rule("tf-numpy-py312", Scope.EVERYWHERE, specs("tensorflow"), specs("numpy>=1.26; python_version >= \"3.12\""),
                List.of());
        assertEquals(List.of(), audit(environment().pip("tensorflow", "2.16.2").pip("numpy", "1.23.5").python("3.10.12").view(), numpyOn312)
                .conflicts(), "the marker is false: the requirement does not apply");
        assertEquals(1, audit(environment().pip("tensorflow", "2.16.2").pip("numpy", "1.23.5").python("3.12.1").view(), numpyOn312)
                .conflicts().size());
        AuditResult unknownPython = audit(environment().pip("tensorflow", "2.16.2").pip("numpy", "1.23.5").view(), numpyOn312);
        assertEquals(List.of(), unknownPython.conflicts());
        assertTrue(unknownPython.undecided().get(0).reason().contains("python_version"), unknownPython.undecided().toString());
        AuditResult met = audit(environment().pip("tensorflow", "2.16.2").pip("numpy", "1.26.4").view(), numpyOn312);
        assertEquals(List.of(), met.undecided(), "an install in range meets it whether or not the marker holds");
        AuditResult absent = audit(environment().pip("tensorflow", "2.16.2").python("3.10.12").view(), numpyOn312);
        assertEquals(List.of(), absent.conflicts(), "not installed where the requirement does not apply");
    }

    @Test
    void aMarkerThatCannotBeEvaluatedLeavesTheRuleUndecided() {
        Rule odd = rule("odd-marker", Scope.EVERYWHERE, specs("tensorflow; os_name ~= \"posix\""), List.of(), specs("numpy>=2"));
        AuditResult result = audit(environment().pip("tensorflow", "2.10.0").pip("numpy", "2.0.0").view(), odd);
        assertEquals(List.of(), result.conflicts());
        assertTrue(result.undecided().get(0).reason().contains("cannot be evaluated"), result.undecided().toString());
    }

    @Test
    void conflictsOfAWaivedRuleAreReportedAsWaivedUntilTheWaiverExpires() {
        Scope legacy = new Scope(Map.of("team", Glob.of("legacy")), List.of(), List.of(), Map.of(), Set.of(), Set.of());
        Waiver waiver = new Waiver("legacy-protobuf", "tf-2.10-protobuf", legacy, "frozen image", "alice", Instant.parse("2027-01-01T00:00:00Z"), "");
        Auditor auditor = new Auditor(new RuleSet(List.of(PROTOBUF_CAP), List.of(waiver), Map.of()), List.of());
        EnvironmentView env = environment().pip("tensorflow", "2.10.0").pip("protobuf", "4.21.12").label("team", "legacy").view();
        AuditResult before = auditor.audit(env, NOW);
        assertEquals("legacy-protobuf", before.conflicts().get(0).waivedBy());
        assertEquals(false, before.drifted(Severity.INFO));
        AuditResult after = auditor.audit(env, Instant.parse("2027-01-01T00:00:00Z"));
        assertTrue(after.drifted(Severity.INFO), "at expiry the conflict counts again");
        EnvironmentView otherTeam = environment().pip("tensorflow", "2.10.0").pip("protobuf", "4.21.12").label("team", "vision").view();
        assertEquals(null, auditor.audit(otherTeam, NOW).conflicts().get(0).waivedBy());
    }

    @Test
    void aBaselinePinAppliesToEveryEnvironmentInItsLabelScope() {
        Scope vision = new Scope(Map.of("team", Glob.of("ml-*")), List.of(), List.of(), Map.of(), Set.of(), Set.of());
        Rule baseline = rule("numpy-below-2", vision, List.of(), specs("numpy<2"), List.of());
        assertEquals(1, audit(environment().pip("numpy", "2.1.0").label("team", "ml-vision").view(), baseline).conflicts().size());
        assertEquals(0, audit(environment().pip("numpy", "2.1.0").label("team", "platform").view(), baseline).conflicts().size());
    }

    @Test
    void rulesWrittenWithPypiNamesMatchCondaRecordsThroughTheNameMap() {
        Rule torch = rule("torch-old", Scope.EVERYWHERE, specs("torch<2"), List.of(), specs("numpy>=2"));
        EnvironmentView env = environment().conda("pytorch", "1.13.1", "pytorch", "py3.10_cuda11.7_cudnn8.5.0_0")
                .conda("numpy", "2.0.1", "conda-forge", "py310h1").view();
        assertEquals("pytorch", audit(env, torch).conflicts().get(0).subject());
    }

    @Test
    void aCondaSpecThatNamesABuildNeverMatchesAPipInstall() {
        // real-envs comfyui: pip's torchvision and torchaudio beside the pytorch channel's CUDA build have no build string
        Rule cpuVariant = rule("cpu-variant", Scope.EVERYWHERE, specs("conda:pytorch * *_cuda*"), List.of(), specs("conda:torchvision * *_cpu"));
        assertEquals(List.of(), audit(environment().conda("pytorch", "2.4.1", "pytorch", "py3.12_cuda12.4_cudnn9_0")
                .pip("torchvision", "0.19.1").view(), cpuVariant).conflicts());
        assertEquals(1, audit(environment().conda("pytorch", "2.4.1", "pytorch", "py3.12_cuda12.4_cudnn9_0")
                .conda("torchvision", "0.19.1", "pytorch", "py312_cpu").view(), cpuVariant).conflicts().size());
        // a conda spec without a build still meets a pip install of that name, by version
        Rule byVersion = rule("by-version", Scope.EVERYWHERE, specs("conda:pytorch >=2"), List.of(), specs("conda:torchvision <0.20"));
        assertEquals(1, audit(environment().conda("pytorch", "2.4.1", "pytorch", "py3.12_cuda12.4_cudnn9_0")
                .pip("torchvision", "0.19.1").view(), byVersion).conflicts().size());
    }

    @Test
    void channelMixAndSameChannelRules() {
        Rule mix = new Rule("anaconda-mix", "d", List.of("s"), Severity.WARNING, Scope.EVERYWHERE, List.of(), List.of(), List.of(),
                List.of(), new Rule.ChannelMix("anaconda", Set.of("defaults", "conda-forge")), "fix", "user", "");
        Rule same = new Rule("keras-tf-channel", "d", List.of("s"), Severity.WARNING, Scope.EVERYWHERE, List.of(), List.of(), List.of(),
                List.of("keras", "tensorflow"), null, "fix", "user", "");
        EnvironmentView env = environment().conda("tensorflow", "2.10.0", "defaults", "mkl_py310h1")
                .conda("keras", "2.3.1", "anaconda", "0").view();
        AuditResult result = audit(env, mix, same);
        assertEquals(List.of("anaconda-mix", "keras-tf-channel"), result.conflicts().stream().map(Conflict::ruleId).sorted().toList());
        assertEquals(List.of(), audit(environment().conda("tensorflow", "2.10.0", "defaults", "h1")
                .conda("keras", "2.10.0", "defaults", "h1").view(), mix, same).conflicts());
    }

    @Test
    void anUnknownChannelNeverMakesAChannelConflict() {
        Rule mix = new Rule("anaconda-mix", "d", List.of("s"), Severity.WARNING, Scope.EVERYWHERE, List.of(), List.of(), List.of(),
                List.of(), new Rule.ChannelMix("anaconda", Set.of("defaults", "conda-forge")), "fix", "user", "");
        Rule same = new Rule("keras-tf-channel", "d", List.of("s"), Severity.WARNING, Scope.EVERYWHERE, List.of(), List.of(), List.of(),
                List.of("keras", "tensorflow"), null, "fix", "user", "");
        // an export names no channel per package: tensorflow's is unknown, not defaults
        AuditResult result = audit(environment().conda("tensorflow", "2.10.0", null, "mkl_py310h1")
                .conda("keras", "2.3.1", "anaconda", "0").view(), mix, same);
        assertEquals(List.of(), result.conflicts());
        assertEquals(List.of("anaconda-mix", "keras-tf-channel"), result.undecided().stream().map(Undecided::ruleId).sorted().toList(),
                "tensorflow may come from defaults or from anaconda");
        assertEquals("the snapshot does not say which channel tensorflow 2.10.0 came from", result.undecided().get(0).reason());
    }

    @Test
    void aChannelSpecOrScopeOnAPackageOfUnknownChannelIsUndecided() {
        Rule anacondaKeras = rule("anaconda-keras", Scope.EVERYWHERE, specs("tensorflow>=2.10"),
                specs("conda:keras[channel=anaconda]"), List.of());
        AuditResult bySpec = audit(environment().pip("tensorflow", "2.10.0").conda("keras", "2.10.0", null, "h1").view(), anacondaKeras);
        assertEquals(List.of(), bySpec.conflicts());
        assertEquals(1, bySpec.undecided().size());
        assertEquals(1, audit(environment().pip("tensorflow", "2.10.0").conda("keras", "2.10.0", "conda-forge", "h1").view(),
                anacondaKeras).conflicts().size(), "a known other channel is a conflict");

        AuditResult byScope = audit(environment().conda("tensorflow", "2.10.0", null, "mkl_py310h1").pip("protobuf", "4.21.12").view(),
                PROTOBUF_CAP);
        assertEquals(List.of(), byScope.conflicts(), "the rule judges pypi and defaults builds; this one's channel is unknown");
        assertEquals(1, byScope.undecided().size());
    }

    @Test
    void aPackageOutsideTheWhenVersionsLeavesNothingOpenWhateverItsChannel() {
        // an environment.yml names no channel per package: tensorflow-base 1.4.0 is none of the rule's subjects anywhere
        AuditResult oldTensorflow = audit(environment().conda("tensorflow-base", "1.4.0", null, "py36h1")
                .pip("protobuf", "4.21.12").view(), PROTOBUF_CAP);
        assertEquals(List.of(), oldTensorflow.conflicts());
        assertEquals(List.of(), oldTensorflow.undecided());
    }

    @Test
    void aWhenSpecThatSurelyMatchesNothingSettlesWhatAnotherLeavesOpen() {
        Rule both = rule("tf-and-keras", new Scope(Map.of(), List.of(), List.of(), Map.of(), Set.of(), Set.of("defaults")),
                specs("tensorflow>=2.10,<2.11", "keras>=2.10"), List.of(), specs("numpy>=2"));
        EnvironmentView unknownChannel = environment().conda("tensorflow", "2.10.0", null, "mkl_py310h1").pip("numpy", "2.0.2").view();
        assertEquals(List.of(), audit(unknownChannel, both).undecided(), "keras is not installed: the rule does not apply");
        EnvironmentView withKeras = environment().conda("tensorflow", "2.10.0", null, "mkl_py310h1").conda("keras", "2.10.0", "defaults", "h1")
                .pip("numpy", "2.0.2").view();
        assertEquals(1, audit(withKeras, both).undecided().size(), "with keras, tensorflow's channel decides");
        EnvironmentView partial = environment().conda("tensorflow", "2.10.0", null, "mkl_py310h1").pip("numpy", "2.0.2").partial().view();
        assertEquals(1, audit(partial, both).undecided().size(), "a partial listing that does not show keras may have it");
    }

    @Test
    void oneRuleYieldsOneConflictPerSubjectPackage() {
        Rule numpy2 = rule("tf-numpy2", Scope.EVERYWHERE, specs("tensorflow<2.18"), List.of(), specs("numpy>=2"));
        EnvironmentView twoTensorflows = environment().pip("tensorflow", "2.17.0")
                .conda("tensorflow-base", "2.16.1", "conda-forge", "cpu_py310h1").pip("numpy", "2.0.2").view();
        assertEquals(List.of("tensorflow", "tensorflow-base"),
                audit(twoTensorflows, numpy2).conflicts().stream().map(Conflict::subject).sorted().toList());
    }

    @Test
    void builtInChecksCanBeSwitchedOffOrRegradedByRuleId() {
        EnvironmentView mixed = environment().conda("numpy", "1.26.4", "defaults", "py310h1")
                .conda("scipy", "1.11.4", "conda-forge", "py310h1").view();
        List<Check> checks = io.envaudit.engine.audit.checks.BuiltInChecks.all();
        Conflict byDefault = new Auditor(new RuleSet(List.of(), List.of(), Map.of()), checks).audit(mixed, NOW).conflicts().stream()
                .filter(c -> c.ruleId().equals("channel-mix")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, byDefault.severity());
        Auditor regrading = new Auditor(new RuleSet(List.of(), List.of(),
                Map.of("channel-mix", new RuleSet.CheckSetting(true, Severity.ERROR))), checks);
        AuditResult regraded = regrading.audit(mixed, NOW);
        assertEquals(Severity.ERROR, regraded.conflicts().stream().filter(c -> c.ruleId().equals("channel-mix")).findFirst()
                .orElseThrow().severity());
        assertEquals(List.of("pip-requirements error", "conda-depends error", "duplicate-distribution error", "channel-mix error",
                        "pytorch-release-pairs error", "cuda-version-mix error", "pytorch-cuda-selector warning"),
                regrading.enabledChecks().stream().map(e -> e.check().id() + " " + e.severity().label()).toList());
        Auditor switchingOff = new Auditor(new RuleSet(List.of(), List.of(),
                Map.of("channel-mix", new RuleSet.CheckSetting(false, null))), checks);
        AuditResult off = switchingOff.audit(mixed, NOW);
        assertTrue(off.conflicts().stream().noneMatch(c -> c.ruleId().equals("channel-mix")), off.conflicts().toString());
        assertEquals(List.of("pip-requirements", "conda-depends", "duplicate-distribution", "pytorch-release-pairs", "cuda-version-mix",
                        "pytorch-cuda-selector"),
                switchingOff.enabledChecks().stream().map(e -> e.check().id()).toList());
    }

    @Test
    void onlyRulesMentioningInstalledPackagesAreEvaluated() {
        RuleIndex index = new RuleIndex(List.of(PROTOBUF_CAP,
                rule("other", Scope.EVERYWHERE, specs("jax>=0.4"), specs("jaxlib>=0.4"), List.of())));
        assertEquals(List.of(PROTOBUF_CAP), index.candidates(environment().pip("tensorflow", "2.10.0").view()));
    }

    @Test
    void installersInTheScopeSelectWhichPackagesWhenMatches() {
        Scope pipOnly = new Scope(Map.of(), List.of(), List.of(), Map.of(), Set.of(Installer.PIP), Set.of());
        Rule r = rule("pip-only", pipOnly, specs("numpy>=2"), List.of(), specs("tensorflow<2.18"));
        assertEquals(0, audit(environment().conda("numpy", "2.0.1", "conda-forge", "h").pip("tensorflow", "2.17.0").view(), r).conflicts().size());
        assertEquals(1, audit(environment().pip("numpy", "2.0.1").pip("tensorflow", "2.17.0").view(), r).conflicts().size());
    }
}
