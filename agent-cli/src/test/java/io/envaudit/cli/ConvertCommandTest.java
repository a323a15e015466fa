package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envaudit convert} on real listings (listings/src/test/resources/real-envs, PROVENANCE.md there) and on the
 * example lock files of listings/src/test/resources/lock-files.
 */
class ConvertCommandTest {
    static final String REAL = "../listings/src/test/resources/real-envs/envs/";
    /** Example lock files written from each format's documentation (their first lines say which). */
    static final String LOCKS = "../listings/src/test/resources/lock-files/";

    private static CommandResult run(String... args) {
        return CommandResult.inProcess(new EnvauditAgentCommand(), args);
    }

    private static EnvironmentSnapshot snapshot(CommandResult run) {
        return AvroPlainJson.read(new StringReader(run.out()), "stdout", EnvironmentSnapshot.getClassSchema());
    }

    @Test
    void aCondaListBecomesSnapshotJsonWithTheIdentityGiven() {
        CommandResult run = run("convert", REAL + "tf212-gpu-defaults-condalist.txt", "--host-id", "ws-01", "--hostname", "ws-01.lab",
                "--label", "team=vision", "--label", "site=lon", "--collected-at", "2026-11-30T09:00:00Z");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        EnvironmentSnapshot s = snapshot(run);
        assertEquals("ws-01//home/jordan/anaconda3/envs/tf-2.12", s.getEnvironment().getId());
        assertEquals("ws-01.lab", s.getHost().getHostname());
        assertEquals(Map.of("team", "vision", "site", "lon"), s.getHost().getLabels());
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), s.getCollectedAt());
        assertEquals(172, s.getPackages().size());
        assertEquals("linux-64", s.getPlatform().getSubdir());
        assertEquals("conda-list listing tf212-gpu-defaults-condalist.txt; platform linux-64 inferred from ld_impl_linux-64, libgcc-ng, "
                + "libstdcxx-ng", s.getSource());
    }

    @Test
    void skippedLinesAreWarningsAndTheFileTimeIsTheCollectionTime(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(Path.of(REAL, "mediapipe-jax050-protobuf4256-pip-freeze.txt"), dir.resolve("freeze.txt"));
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2025-02-03T04:05:06.789Z")));
        CommandResult run = run("convert", copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(copy + ":1: skipped 'List of the installed packages in the virtual environment.': expected a requirement: "
                + "name==version, name @ URL or -e", run.err().lines().findFirst().orElseThrow().substring("warning: ".length()));
        assertEquals(2, run.err().lines().count());
        EnvironmentSnapshot s = snapshot(run);
        assertEquals(Instant.parse("2025-02-03T04:05:06.789Z"), s.getCollectedAt());
        assertEquals(copy.toAbsolutePath().toString(), s.getEnvironment().getPrefix(), "pip freeze states no prefix");
        assertEquals("unknown/" + copy.toAbsolutePath(), s.getEnvironment().getId());
    }

    @Test
    void aForcedFormatReadsTheFileAsThatFormat(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("odd.txt");
        Files.writeString(odd, "numpy 1.26.4 py312h8753938_0\n");
        assertEquals("CONDA", snapshot(run("convert", odd.toString())).getPackages().get(0).getInstaller().name());
        CommandResult forced = run("convert", "--input-format", "pip-freeze", odd.toString());
        assertEquals(2, forced.exitCode());
        assertEquals("error: " + odd + ":1: no line reads as a pip-freeze listing; the first: 'numpy 1.26.4 py312h8753938_0': "
                + "expected a requirement: name==version, name @ URL or -e", forced.err().strip());
    }

    @Test
    void badInputExitsTwoWithAnError(@TempDir Path dir) throws Exception {
        CommandResult missing = run("convert", dir.resolve("none.txt").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("error: no such file: "), missing.err());
        CommandResult json = run("convert", "../samples/seed-tf210-anaconda-keras.json");
        assertEquals(2, json.exitCode());
        assertTrue(json.err().contains("is snapshot JSON already"), json.err());
        Path letter = Files.writeString(dir.resolve("letter.txt"), "Dear team,\nplease find the environment attached.\n");
        CommandResult unknown = run("convert", letter.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("error: " + letter + ": cannot tell the listing's format"), unknown.err());
        CommandResult format = run("convert", "--input-format", "pdm-lock", letter.toString());
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("unknown listing format 'pdm-lock'"), format.err());
        Path future = Files.writeString(dir.resolve("uv.lock"), "version = 2\nrequires-python = \">=3.12\"\n");
        CommandResult lock = run("convert", future.toString());
        assertEquals(2, lock.exitCode());
        assertEquals("error: " + future + ":1: expected a uv.lock of version 1, found version 2", lock.err().strip());
    }

    @Test
    void aUvLockBecomesAPartialSnapshotWithItsForkedAndUninstalledPackagesAsWarnings() {
        CommandResult run = run("convert", LOCKS + "vision-service.uv.lock", "--collected-at", "2026-11-30T09:00:00Z");
        assertEquals(0, run.exitCode(), run.err());
        EnvironmentSnapshot s = snapshot(run);
        assertEquals(10, s.getPackages().size());
        assertTrue(s.getPartial(), "numpy is locked at two versions, one per Python");
        assertEquals("VENV", s.getEnvironment().getManager().name());
        assertEquals("uv-lock listing vision-service.uv.lock; 4 lines not read (line 28, 37, 135, 139)", s.getSource());
        assertEquals(4, run.err().lines().filter(l -> l.startsWith("warning: " + LOCKS + "vision-service.uv.lock:")).count(), run.err());
    }

    @Test
    void aPixiLockBecomesItsDefaultEnvironmentOnItsFirstPlatform() {
        CommandResult run = run("convert", LOCKS + "robotics.pixi.lock", "--collected-at", "2026-11-30T09:00:00Z");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        EnvironmentSnapshot s = snapshot(run);
        assertEquals("default", s.getEnvironment().getName());
        assertEquals("PIXI", s.getEnvironment().getManager().name());
        assertEquals("linux-64", s.getPlatform().getSubdir());
        assertEquals("3.11.9", s.getPlatform().getPythonVersion());
        assertEquals(12, s.getPackages().size());
    }
}
