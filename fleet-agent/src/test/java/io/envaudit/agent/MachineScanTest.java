package io.envaudit.agent;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.scan.ScanResult;
import io.envaudit.agent.scan.ScannedEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MachineScanTest {
    @TempDir
    Path folder;

    private static Path condaPrefix(Path prefix, String python, String subdirUrl) throws IOException {
        CondaRecords.write(prefix, "python", python, "h14ffc60_1", subdirUrl, List.of(), List.of("python.exe"));
        return Files.createDirectories(prefix.resolve("Lib/site-packages"));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in conda is a POSIX shell script")
    void aConfiguredRootIsAnotherSystemsDiskAndThisProcesssEnvironmentSaysNothingOfIt() throws IOException {
        Path disk = Files.createDirectories(folder.resolve("mnt/c"));
        condaPrefix(disk.resolve("Users/ana/miniconda3"), "3.12.4", "https://repo.anaconda.com/pkgs/main/win-64");
        // this machine's own conda env, active, and a conda on PATH that would name it
        Path own = folder.resolve("home/me/miniconda3/envs/own");
        condaPrefix(own, "3.11.9", "https://repo.anaconda.com/pkgs/main/linux-64");
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Files.writeString(bin.resolve("conda"), "#!/bin/sh\necho '{\"envs\": [\"" + own + "\"]}'\n");
        Files.setPosixFilePermissions(bin.resolve("conda"), PosixFilePermissions.fromString("rwxr-xr-x"));
        AgentConfig config = new AgentConfig(Map.of(), List.of(), List.of(), List.of(), 5, List.of(), List.of(),
                Duration.ofMinutes(1), null, true, OsFamily.WINDOWS, disk);

        ScanResult result = new MachineScan(config, Map.of("CONDA_PREFIX", own.toString(), "PATH", bin.toString()),
                Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC)).run(List.of());

        assertEquals(List.of(disk.resolve("Users/ana/miniconda3") + " 3.12.4"), result.environments().stream()
                .map(ScannedEnvironment::snapshot)
                .map(s -> s.getEnvironment().getPrefix() + " " + s.getPlatform().getPythonVersion()).toList());
        assertEquals(List.of(), result.problems());
    }
}
