package io.envaudit.engine.audit;

import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small snapshots for tests, written as what they hold: {@code pip("protobuf", "4.21.12")}. */
final class TestSnapshots {
    private final List<InstalledPackage> packages = new ArrayList<>();
    private final Map<String, String> labels = new HashMap<>();
    private final Platform.Builder platform = Platform.newBuilder().setOs("linux").setArch("x86_64").setSubdir("linux-64");
    private boolean partial;

    static TestSnapshots environment() {
        return new TestSnapshots();
    }

    TestSnapshots pip(String name, String version, String... requires) {
        packages.add(InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.PIP)
                .setChannel("pypi").setRequires(List.of(requires)).build());
        return this;
    }

    TestSnapshots conda(String name, String version, String channel, String build, String... depends) {
        packages.add(InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.CONDA)
                .setChannel(channel).setBuild(build).setDepends(List.of(depends)).build());
        return this;
    }

    TestSnapshots label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    TestSnapshots python(String version) {
        platform.setPythonVersion(version);
        return this;
    }

    TestSnapshots nvidiaDriver(String driver, String cuda) {
        platform.setNvidiaDriverVersion(driver).setCudaDriverVersion(cuda);
        return this;
    }

    TestSnapshots partial() {
        partial = true;
        return this;
    }

    EnvironmentSnapshot build() {
        return EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId("host-1").setHostname("gpu-07").setLabels(labels).build())
                .setEnvironment(Environment.newBuilder().setId("host-1//opt/conda/envs/tf").setName("tf")
                        .setPrefix("/opt/conda/envs/tf").setManager(EnvironmentManager.CONDA).build())
                .setPlatform(platform.build())
                .setCollectedAt(Instant.parse("2026-11-30T09:00:00Z"))
                .setPartial(partial)
                .setPackages(packages)
                .build();
    }

    EnvironmentView view() {
        return EnvironmentView.of(build());
    }
}
