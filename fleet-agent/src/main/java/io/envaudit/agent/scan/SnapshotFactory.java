package io.envaudit.agent.scan;

import io.envaudit.agent.host.HostFacts;
import io.envaudit.agent.read.EnvironmentContents;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.Platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

/** Puts host facts, labels and one environment's contents together as the snapshot the auditor reads. */
public final class SnapshotFactory {
    public static final String SOURCE = "agent";

    private SnapshotFactory() {
    }

    /** The snapshot topic's key: host id + "/" + prefix ({@code 4f1c9e2a//opt/conda/envs/tf}). */
    public static String environmentId(String hostId, String prefix) {
        return hostId + "/" + prefix;
    }

    public static EnvironmentSnapshot snapshot(HostFacts host, Map<String, String> labels, EnvironmentLocation location,
                                               EnvironmentContents contents, Instant collectedAt) {
        String prefix = location.prefix().toString();
        return EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId(host.id()).setHostname(host.hostname()).setLabels(Map.copyOf(labels)).build())
                .setEnvironment(Environment.newBuilder()
                        .setId(environmentId(host.id(), prefix))
                        .setName(location.name())
                        .setPrefix(prefix)
                        .setManager(location.manager())
                        .build())
                .setPlatform(Platform.newBuilder()
                        .setOs(host.os())
                        .setOsVersion(host.osVersion())
                        .setArch(host.arch())
                        .setSubdir(host.subdir())
                        .setPythonVersion(contents.pythonVersion())
                        .setGlibcVersion(host.glibcVersion())
                        .setNvidiaDriverVersion(host.nvidiaDriverVersion())
                        .setCudaDriverVersion(host.cudaDriverVersion())
                        .setGpus(new ArrayList<>(host.gpus()))
                        .build())
                .setCollectedAt(collectedAt)
                .setPartial(contents.partial())
                .setSource(SOURCE)
                .setPackages(new ArrayList<>(contents.packages()))
                .build();
    }
}
