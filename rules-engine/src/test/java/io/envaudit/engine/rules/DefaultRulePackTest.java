package io.envaudit.engine.rules;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.version.Flavor;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default rule pack as shipped: it loads cleanly, every rule is complete, and every rule's fixtures
 * (src/test/resources/default-rules/&lt;rule-id&gt;/fires.json and passes.json) do what they say, audited with the
 * pack alone (no built-in checks).
 */
class DefaultRulePackTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final LoadedRules PACK = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), NOW);
    private static final Auditor AUDITOR = new Auditor(PACK.ruleSet(), List.of());

    /** Rules judging TensorFlow by wheel metadata that deliberately name no channels, and why. */
    private static final Set<String> ALL_BUILDS = Set.of(
            "tensorflow-2.16-keras3", // tf.keras is resolved by TensorFlow's own Python code, the same in every build
            "tensorflow-before-2.5-h5py3", // the HDF5 loader's Python code, the same in every build
            "tensorflow-beside-tensorflow-cpu-or-gpu", // two distributions' files, whoever installed tensorflow
            "tensorflow-2.11-beside-tensorflow-cpu-or-gpu");

    @Test
    void thePackLoadsWithNoProblems() {
        assertEquals(List.of(), PACK.problems());
        assertEquals(72, PACK.ruleSet().rules().size());
        assertTrue(PACK.ruleSet().rules().stream().allMatch(r -> r.origin().equals("builtin:default@4")));
    }

    @Test
    void thePackOwnsItsOriginInEveryVersionAndNoOther() {
        assertTrue(DefaultRulePack.owns(DefaultRulePack.ORIGIN));
        assertTrue(DefaultRulePack.owns("builtin:default@0"));
        assertTrue(DefaultRulePack.owns("builtin:default@12"));
        for (String other : List.of("user", "builtin:default@", "builtin:default@1x", "builtin:defaults@1", "builtin:other@1")) {
            assertFalse(DefaultRulePack.owns(other), other);
        }
    }

    @Test
    void theReadmeGivesTheVersionAndEveryFileWithItsRuleCount() {
        String readme = resource(DefaultRulePack.RESOURCE_FOLDER + "README.md");
        assertTrue(readme.contains("Pack version: **" + DefaultRulePack.VERSION + "**"), "README states the pack version");
        for (RuleFile file : DefaultRulePack.files()) {
            long rules = file.text().lines().filter(line -> line.startsWith("  - id: ")).count();
            String name = file.name().substring(DefaultRulePack.RESOURCE_FOLDER.length());
            assertTrue(readme.contains("| `" + name + "` | " + rules + " |"), "README lists " + name + " with " + rules + " rules");
        }
    }

    /** The project README's transcript of envaudit up, kept to the pack that up publishes (UpCommand prints the line). */
    @Test
    void theProjectReadmeShowsWhatUpPrintsForThisPack() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int rules = PACK.ruleSet().rules().size();
        assertTrue(readme.contains("Default rule pack " + DefaultRulePack.VERSION + " on envaudit.rules: " + rules + " added"),
                "README shows up publishing pack " + DefaultRulePack.VERSION + " of " + rules + " rules");
        assertTrue(readme.contains("`" + rules + " unchanged`"), "README shows a second run leaving the " + rules + " rules unchanged");
    }

    @Test
    void everyRuleSaysWhatBreaksWhereThatIsWrittenAndHowToFixIt() {
        for (Rule rule : PACK.ruleSet().rules()) {
            assertFalse(rule.description().isBlank(), rule.id());
            assertFalse(rule.fix() == null || rule.fix().isBlank(), rule.id() + " has a fix");
            assertFalse(rule.sources().isEmpty(), rule.id() + " has a source");
            assertTrue(rule.sources().stream().allMatch(s -> s.startsWith("https://")), rule.id() + " sources are URLs: " + rule.sources());
        }
    }

    @Test
    void warningsAreForChannelsCudaMinorMixingAndSharedCv2Only() {
        for (Rule rule : PACK.ruleSet().rules()) {
            boolean risk = rule.id().endsWith("-minor") || rule.channelMix() != null || !rule.sameChannel().isEmpty()
                    || rule.id().endsWith("-beside-another-cv2-wheel"); // import cv2 works; a build's features are at stake

            assertEquals(risk ? Severity.WARNING : Severity.ERROR, rule.severity(), rule.id());
        }
    }

    @Test
    void rulesOnATensorFlowDistributionStateTheChannelsWhoseBuildsFollowThem() {
        for (Rule rule : PACK.ruleSet().rules()) {
            boolean onTensorFlow = rule.when().stream().anyMatch(s -> s.grammar() == Flavor.PEP440
                    && Set.of("tensorflow", "tensorflow-gpu", "tf-keras").contains(s.name()));
            if (onTensorFlow && !ALL_BUILDS.contains(rule.id())) {
                assertFalse(rule.scope().channels().isEmpty(), rule.id() + " names its channels");
                assertFalse(rule.scope().channels().contains("conda-forge") && !rule.id().endsWith("-keras")
                                && !rule.id().endsWith("-tensorboard"),
                        rule.id() + ": conda-forge builds follow only the Keras and TensorBoard pins");
            }
        }
    }

    @Test
    void everyRuleHasBothFixturesAndEveryFixtureFolderARule() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> children = Files.list(resourceFolder("default-rules"))) {
            children.forEach(child -> folders.add(child.getFileName().toString()));
        }
        Set<String> ids = new TreeSet<>(PACK.ruleSet().rules().stream().map(Rule::id).toList());
        assertEquals(ids, folders);
        for (String id : ids) {
            for (String fixture : List.of("fires.json", "passes.json")) {
                assertTrue(Files.isRegularFile(resourceFolder("default-rules").resolve(id).resolve(fixture)), id + "/" + fixture);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> eachRuleFiresOnItsFixtureAndNothingFiresOnTheCompliantOne() {
        return PACK.ruleSet().rules().stream().flatMap(rule -> Stream.of(
                DynamicTest.dynamicTest(rule.id() + " fires", () -> {
                    String path = "default-rules/" + rule.id() + "/fires.json";
                    EnvironmentSnapshot snapshot = snapshot(path);
                    assertTrue(snapshot.getSource().startsWith("fixture"), path + " says what it follows");
                    List<Conflict> mine = audit(snapshot).conflicts().stream().filter(c -> c.ruleId().equals(rule.id())).toList();
                    assertEquals(1, mine.size(), path + " yields one conflict of " + rule.id() + ": " + mine);
                    assertEquals(rule.severity(), mine.get(0).severity());
                    assertEquals(rule.fix(), mine.get(0).fix());
                }),
                DynamicTest.dynamicTest(rule.id() + " passes", () -> {
                    String path = "default-rules/" + rule.id() + "/passes.json";
                    EnvironmentSnapshot snapshot = snapshot(path);
                    assertTrue(snapshot.getSource().startsWith("fixture"), path + " says what it follows");
                    assertEquals(List.of(), audit(snapshot).conflicts(), path + " is an environment no rule of the pack flags");
                })));
    }

    @Test
    void condaForgeTensorFlow211WithProtobuf421IsNotAProtobufConflict() {
        // real-envs hetgnn: valid for conda-forge's build, though the PyPI 2.11 wheel says protobuf<3.20
        AuditResult result = audit(snapshot("default-rules-traps/hetgnn-condaforge-tf211-protobuf421.json"));
        assertTrue(result.conflicts().stream().noneMatch(c -> c.ruleId().contains("protobuf")), result.conflicts().toString());
        assertEquals(List.of(), result.conflicts());
    }

    @Test
    void defaultsTensorFlow212GpuBuiltAgainstCudatoolkit113IsNotACudaConflict() {
        // real-envs tf212-gpu-defaults: Anaconda compiles its GPU build against its own cudatoolkit
        assertEquals(List.of(), audit(snapshot("default-rules-traps/tf212-gpu-defaults-cudatoolkit113.json")).conflicts());
    }

    @Test
    void aCondaTensorFlowThatRecordsItsTensorBoardRangeIsJudgedByItNotByThePackRule() {
        EnvironmentSnapshot recorded = snapshot("default-rules-traps/condaforge-tf211-tensorboard-by-own-depends.json");
        assertEquals(List.of(), audit(recorded).conflicts());
        // the same records as a listing shows them, without depends: the rule, which conda-forge's recipe follows, judges
        List<InstalledPackage> listed = recorded.getPackages().stream()
                .map(p -> InstalledPackage.newBuilder(p).setDepends(List.of()).build()).toList();
        List<Conflict> conflicts = audit(EnvironmentSnapshot.newBuilder(recorded).setPackages(listed).build()).conflicts();
        assertEquals(List.of("tensorflow-2.11-tensorboard"), conflicts.stream().map(Conflict::ruleId).toList());
        assertEquals("tensorflow-base 2.11.0 has requirement tensorboard>=2.11,<2.12, but you have tensorboard 2.12.3.",
                conflicts.get(0).explanation());
    }

    @Test
    void tensorflowCpuBesideTensorflowFrom211IsUndecidedWhereThePlatformIsUnknown() {
        // from 2.11, Windows' tensorflow and tensorflow-cpu are both installers of tensorflow-intel: not a clash there
        EnvironmentSnapshot linux = snapshot("default-rules/tensorflow-2.11-beside-tensorflow-cpu-or-gpu/fires.json");
        EnvironmentSnapshot unknown = EnvironmentSnapshot.newBuilder(linux).setPlatform(Platform.newBuilder().build()).build();
        AuditResult result = audit(unknown);
        assertTrue(result.conflicts().stream().noneMatch(c -> c.ruleId().equals("tensorflow-2.11-beside-tensorflow-cpu-or-gpu")),
                result.conflicts().toString());
        assertTrue(result.undecided().stream().anyMatch(u -> u.ruleId().equals("tensorflow-2.11-beside-tensorflow-cpu-or-gpu")),
                result.undecided().toString());
    }

    @Test
    void tensorFlow1RulesRequireTheEstimatorOfTheirMinor() {
        // real-envs res-tf114: tensorflow-estimator 1.15.1 beside TensorFlow 1.14, whose wheels pin <1.15.0rc0
        for (String rule : List.of("tensorflow-1.14-tensorboard", "tensorflow-1.15-tensorboard")) {
            EnvironmentSnapshot compliant = snapshot("default-rules/" + rule + "/passes.json");
            String nextMinor = rule.contains("1.14") ? "1.15.1" : "2.0.0";
            List<InstalledPackage> packages = compliant.getPackages().stream().map(p -> p.getName().equals("tensorflow-estimator")
                    ? InstalledPackage.newBuilder(p).setVersion(nextMinor).build() : p).toList();
            List<Conflict> conflicts = audit(EnvironmentSnapshot.newBuilder(compliant).setPackages(packages).build()).conflicts();
            assertEquals(List.of(rule), conflicts.stream().map(Conflict::ruleId).toList());
            assertTrue(conflicts.get(0).explanation().contains("but you have tensorflow-estimator " + nextMinor),
                    conflicts.get(0).explanation());
        }
    }

    @Test
    void threeOpenCvWheelsAreTwoConflictsAndCondasCv2IsNotOneOfThem() {
        // three of the wheels, as Colab's runtime has them (real-envs colab: all three at 4.13.0.92)
        EnvironmentSnapshot one = snapshot("default-rules/opencv-python-beside-another-cv2-wheel/passes.json");
        EnvironmentSnapshot three = with(with(one, pip("opencv-python-headless", "4.9.0.80")), pip("opencv-contrib-python", "4.9.0.80"));
        List<Conflict> conflicts = audit(three).conflicts();
        assertEquals(List.of("opencv-python-beside-another-cv2-wheel", "opencv-python-headless-beside-another-cv2-wheel"),
                conflicts.stream().map(Conflict::ruleId).sorted().toList());
        assertEquals(Set.of("opencv-python", "opencv-python-headless", "opencv-contrib-python"), conflicts.stream()
                .filter(c -> c.subject().equals("opencv-python")).flatMap(c -> c.offending().stream()).map(PackageRef::name)
                .collect(Collectors.toSet()));
        // conda-forge's cv2 (libopencv, py-opencv, opencv) under pip's opencv-python, as real-envs res-tf114 has it: the
        // name map calls libopencv opencv-python-headless, but no wheel rule takes conda's records for wheels
        EnvironmentSnapshot condaForge = Stream.of(conda("libopencv", "4.5.0", "py37_2"), conda("py-opencv", "4.5.0", "py37hc6149b9_2"),
                conda("opencv", "4.5.0", "py37_2")).reduce(one, DefaultRulePackTest::with, (a, b) -> b);
        assertEquals(List.of(), audit(condaForge).conflicts());
    }

    private static InstalledPackage pip(String name, String version) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.PIP).setChannel("pypi").build();
    }

    private static InstalledPackage conda(String name, String version, String build) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.CONDA).setChannel("conda-forge")
                .setSubdir("win-64").setBuild(build).build();
    }

    @Test
    void torchvisionAndTorchaudioOfCondaForgeOrAnacondaBesideThePytorchChannelsOtherVariant() {
        // the pytorch channel's CUDA stack with its torchvision swapped for conda-forge's CPU build, then its CPU stack with
        // torchaudio swapped for conda-forge's CUDA build (the torchaudio recipe's `cuda_118` prefix)
        EnvironmentSnapshot cuda = snapshot("default-rules/pytorch-cuda-build-beside-cpu-variant/passes.json");
        assertEquals(List.of("pytorch-cuda-build-beside-cpu-variant"), ruleIds(audit(withBuild(cuda, "torchvision", "conda-forge",
                "cpu_py310h6e929f7_0"))));
        assertEquals(List.of("pytorch-cuda-build-beside-cpu-variant"), ruleIds(audit(withBuild(cuda, "torchvision", "defaults",
                "cpu_py310h83e0c9b_0"))));
        EnvironmentSnapshot cpu = snapshot("default-rules/pytorch-cpu-build-beside-cuda-variant/passes.json");
        EnvironmentSnapshot cudaTorchaudio = with(cpu, InstalledPackage.newBuilder().setName("torchaudio").setVersion("0.13.1")
                .setInstaller(Installer.CONDA).setChannel("conda-forge").setSubdir("linux-64")
                .setBuild("cuda_118py310h4d6a5a1_0").build());
        assertEquals(List.of("pytorch-cpu-build-beside-cuda-variant"), ruleIds(audit(cudaTorchaudio)));
        // the same variant is not this rule's to judge
        assertEquals(List.of(), ruleIds(audit(withBuild(cuda, "torchvision", "conda-forge", "cuda112py310h2e2b6d7_0"))));
    }

    @Test
    void aCpuBuildOfDeepspeedIsNotACpuOnlyTorchExtension() {
        // real-envs yi: conda-forge's deepspeed cpu_ build compiles no operators (DS_BUILD_OPS=0, no pytorch at build time);
        // it depends on pytorch unpinned, and on the C++ runtime only because its recipe always lists a C++ compiler
        InstalledPackage deepspeed = InstalledPackage.newBuilder().setName("deepspeed").setVersion("0.12.2")
                .setInstaller(Installer.CONDA).setChannel("conda-forge").setSubdir("linux-64")
                .setBuild("cpu_py310h11dbdba_1").setDepends(List.of("libgcc-ng >=12", "libstdcxx-ng >=12", "python_abi 3.10.* *_cp310",
                        "pytorch")).build();
        EnvironmentSnapshot yi = with(snapshot("default-rules/pytorch-cuda-build-beside-cpu-variant/passes.json"), deepspeed);
        assertEquals(List.of(), audit(yi).conflicts());
    }

    private static EnvironmentSnapshot withBuild(EnvironmentSnapshot snapshot, String name, String channel, String build) {
        List<InstalledPackage> packages = snapshot.getPackages().stream()
                .map(p -> p.getName().equals(name) ? InstalledPackage.newBuilder(p).setChannel(channel).setBuild(build).build() : p)
                .toList();
        return EnvironmentSnapshot.newBuilder(snapshot).setPackages(packages).build();
    }

    private static EnvironmentSnapshot with(EnvironmentSnapshot snapshot, InstalledPackage more) {
        List<InstalledPackage> packages = new ArrayList<>(snapshot.getPackages());
        packages.add(more);
        return EnvironmentSnapshot.newBuilder(snapshot).setPackages(packages).build();
    }

    private static List<String> ruleIds(AuditResult result) {
        return result.conflicts().stream().map(Conflict::ruleId).toList();
    }

    private static AuditResult audit(EnvironmentSnapshot snapshot) {
        return AUDITOR.audit(EnvironmentView.of(snapshot), NOW);
    }

    private static EnvironmentSnapshot snapshot(String path) {
        try (InputStream in = DefaultRulePackTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return AvroPlainJson.read(reader, path, EnvironmentSnapshot.getClassSchema());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = DefaultRulePackTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resourceFolder(String path) {
        try {
            return Path.of(DefaultRulePackTest.class.getClassLoader().getResource(path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
