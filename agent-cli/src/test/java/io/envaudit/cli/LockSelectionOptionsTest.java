package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --pixi-environment} and {@code --platform}: which environment and platform of a lock file {@code convert} and
 * {@code audit} read (agent publish --from is tested with a broker, in AgentPublishIT).
 */
class LockSelectionOptionsTest {
    private static final String ROBOTICS = ConvertCommandTest.LOCKS + "robotics.pixi.lock";
    private static final String V7 = ConvertCommandTest.LOCKS + "gpu-training-v7.pixi.lock";

    private static CommandResult run(String... args) {
        return CommandResult.inProcess(new EnvauditAgentCommand(), args);
    }

    private static EnvironmentSnapshot converted(String... args) {
        CommandResult run = run(args);
        assertEquals(0, run.exitCode(), run.err());
        return AvroPlainJson.read(new StringReader(run.out()), "stdout", EnvironmentSnapshot.getClassSchema());
    }

    private static List<String> names(EnvironmentSnapshot snapshot) {
        return snapshot.getPackages().stream().map(InstalledPackage::getName).toList();
    }

    @Test
    void convertReadsThePixiEnvironmentAndPlatformAskedFor() {
        EnvironmentSnapshot cuda = converted("convert", "--pixi-environment", "cuda", ROBOTICS);
        assertEquals("cuda", cuda.getEnvironment().getName());
        assertEquals(List.of("python", "cuda-version"), names(cuda));
        EnvironmentSnapshot mac = converted("convert", "--platform", "osx-arm64", ROBOTICS);
        assertEquals(List.of("default", "osx-arm64"), List.of(mac.getEnvironment().getName(), mac.getPlatform().getSubdir()));
        EnvironmentSnapshot gpu = converted("convert", "--pixi-environment", "gpu", "--platform", "linux-64", V7);
        assertEquals(List.of("ld_impl_linux-64", "python", "pytorch", "cuda-version"), names(gpu),
                "linux-64 is the subdir of the gpu environment's one platform, linux-64-cuda12");
    }

    @Test
    void convertReadsThePlatformAskedForOfACondaLock(@TempDir Path dir) throws Exception {
        Path lock = Files.writeString(dir.resolve("conda-lock.yml"), String.join("\n",
                "version: 1",
                "metadata:",
                "  platforms: [linux-64, osx-arm64]",
                "package:",
                "- {name: zlib, version: 1.3.1, manager: conda, platform: linux-64,",
                "   url: 'https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda'}",
                "- {name: zlib, version: 1.3.1, manager: conda, platform: osx-arm64,",
                "   url: 'https://conda.anaconda.org/conda-forge/osx-arm64/zlib-1.3.1-h8359307_2.conda'}",
                ""));
        assertEquals("linux-64", converted("convert", lock.toString()).getPlatform().getSubdir());
        EnvironmentSnapshot mac = converted("convert", "--platform", "osx-arm64", lock.toString());
        assertEquals(List.of("osx-arm64", "h8359307_2"), List.of(mac.getPlatform().getSubdir(), mac.getPackages().get(0).getBuild()));
        CommandResult windows = run("convert", "--platform", "win-64", lock.toString());
        assertEquals(2, windows.exitCode());
        assertEquals("error: " + lock + ":3: no platform 'win-64' in the lock; it has linux-64, osx-arm64", windows.err().strip());
    }

    @Test
    void anEnvironmentOrPlatformTheLockDoesNotHaveExitsTwoNamingTheOnesItHas() {
        CommandResult environment = run("convert", "--pixi-environment", "gpu", ROBOTICS);
        assertEquals(2, environment.exitCode());
        assertEquals("error: " + ROBOTICS + ":7: no environment 'gpu' in the lock; it has cuda, default", environment.err().strip());
        CommandResult platform = run("convert", "--platform", "win-64", V7);
        assertEquals(2, platform.exitCode());
        assertEquals("error: " + V7 + ":36: no platform 'win-64' in environment 'default'; it has linux-64, osx-arm64",
                platform.err().strip());
        assertEquals("", platform.out());
    }

    @Test
    void auditReadsTheChoiceInEveryLockAndLeavesOtherListingsAlone() {
        String condaList = ConvertCommandTest.REAL + "tf212-gpu-defaults-condalist.txt";
        CommandResult run = run("audit", "--pixi-environment", "cuda", ROBOTICS, condaList);
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("python 3.11.9 requires bzip2 >=1.0.8,<2.0a0, which is not installed."),
                "the example's cuda environment locks python without what it depends on: " + run.out());
        assertTrue(run.out().contains(ROBOTICS + ": pixi-lock listing of pixi environment cuda, 2 packages"), run.out());
        assertTrue(run.out().contains(condaList + ": conda-list listing of conda environment /home/jordan/anaconda3/envs/tf-2.12 "
                + "(tf-2.12), 172 packages"), run.out());
    }

    @Test
    void aChoiceNoListingReadCanUseIsAWarning() {
        String condaList = ConvertCommandTest.REAL + "tf212-gpu-defaults-condalist.txt";
        CommandResult convert = run("convert", "--platform", "osx-arm64", condaList);
        assertEquals(0, convert.exitCode(), convert.err());
        assertEquals("warning: --platform not used: no listing read locks several environments or platforms (conda-list)",
                convert.err().strip());
        CommandResult audit = run("audit", "--pixi-environment", "cuda", "--platform", "linux-64", condaList,
                ConvertCommandTest.REAL + "yi-pytorch201-cu118-deepspeed-conda-lock.yml");
        assertTrue(audit.err().contains("warning: --pixi-environment not used: no listing read locks several environments or "
                + "platforms (conda-list, conda-lock)"), audit.err());
        assertFalse(audit.err().contains("--platform not used"), "the conda-lock file takes --platform: " + audit.err());
    }

    @Test
    void auditReportsALockWithoutTheChoiceAndAuditsTheOtherFiles() {
        String condaList = ConvertCommandTest.REAL + "tf212-gpu-defaults-condalist.txt";
        CommandResult run = run("audit", "--pixi-environment", "gpu", "--platform", "osx-arm64", V7, condaList);
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals("error: " + V7 + ":51: no platform 'osx-arm64' in environment 'gpu'; it has linux-64-cuda12 (linux-64)",
                run.err().strip());
        assertTrue(run.out().contains(condaList + ": conda-list listing of conda environment"), run.out());
    }
}
