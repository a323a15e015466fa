package io.envaudit.benchmarks;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.discover.Deadline;
import io.envaudit.agent.discover.Discovery;
import io.envaudit.agent.host.HostFacts;
import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.scan.ScanResult;
import io.envaudit.agent.scan.Scanner;
import io.envaudit.engine.names.PackageName;
import io.envaudit.listings.ListingText;
import io.envaudit.listings.Listings;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fleet agent's scan of one big conda environment, as {@code agent scan} and {@code agent publish} run it:
 * discovery of a home holding a Miniconda install, then reading it (every conda-meta record, every
 * dist-info's METADATA and INSTALLER) into a snapshot. The environment is written once per fork by
 * {@link CondaEnvironmentFixture}: the first {@code condaPackages} rows of a real 607-package Anaconda
 * {@code conda list} (name, version, build, channel) as records, their Python packages' dist-infos, and
 * {@code pipPackages} pins of a real Colab {@code pip freeze} that conda does not have, installed by pip.
 * The host's facts are fixed: they are read once per scan, not per environment. The files are in the page
 * cache after the first iteration, as on a workstation scanned every few minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AgentScanBenchmark {
    private static final String FREEZE = "/benchmarks/colab-tf220-keras313-torch210-jax072-pip-freeze.txt";
    private static final HostFacts HOST = new HostFacts("bench", "bench", "Debian GNU/Linux 12 (bookworm)", "linux",
            "6.1.0-13-amd64", "x86_64", "linux-64", "2.36", null, null, List.of());

    @Param({"500"})
    int condaPackages;

    @Param({"50"})
    int pipPackages;

    /** A real conda list of the shared real environments (read with the listings module). */
    @Param({"listings/src/test/resources/real-envs/envs/comfyui-anaconda-torch241-cu124-win-condalist.txt"})
    String condaList;

    /** fleet-agent's real conda-meta records and METADATA files. */
    @Param({"fleet-agent/src/test/resources/real-envs"})
    String templates;

    private Path root;
    private Path home;
    private AgentConfig config;
    private Scanner scanner;

    @Setup
    public void setUp() throws IOException {
        List<InstalledPackage> listed = Listings.read(ListingText.of(condaList, Files.readAllBytes(Path.of(condaList))), null).packages();
        List<InstalledPackage> conda = listed.stream().filter(p -> p.getInstaller() == Installer.CONDA).limit(condaPackages).toList();
        if (conda.size() < condaPackages) {
            throw new IllegalStateException(condaList + " has " + conda.size() + " conda packages, fewer than " + condaPackages);
        }
        Set<String> condaNames = conda.stream().map(p -> PackageName.normalize(p.getName())).collect(Collectors.toSet());
        List<InstalledPackage> pip;
        try (InputStream in = AgentScanBenchmark.class.getResourceAsStream(FREEZE)) {
            pip = Listings.read(ListingText.of(FREEZE, in.readAllBytes()), null).packages().stream()
                    .filter(p -> !condaNames.contains(PackageName.normalize(p.getName()))).limit(pipPackages).toList();
        }
        root = Files.createTempDirectory("envaudit-agent-scan");
        home = root.resolve("home/ana");
        CondaEnvironmentFixture.Written written = new CondaEnvironmentFixture(home.resolve("miniconda3"), Path.of(templates), 500)
                .write(conda, pip);
        config = new AgentConfig(Map.of(), List.of(home), List.of(), List.of(), AgentConfig.DEFAULT_VENV_DEPTH, List.of(),
                List.of(), AgentConfig.DEFAULT_TIME_BUDGET, null, false, null, null);
        scanner = new Scanner(Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC));

        ScanResult result = scan();
        EnvironmentSnapshot snapshot = result.environments().get(0).snapshot();
        long condaRead = snapshot.getPackages().stream().filter(p -> p.getInstaller() == Installer.CONDA).count();
        long pipRead = snapshot.getPackages().stream().filter(p -> p.getInstaller() == Installer.PIP).count();
        if (result.environments().size() != 1 || !result.problems().isEmpty() || !result.environments().get(0).problems().isEmpty()
                || condaRead != conda.size() || pipRead != pip.size()) {
            throw new IllegalStateException("the scan does not read what was written: " + result);
        }
        System.out.printf("%n%s: %d conda records (%d with dist-info), %d pip dist-infos; the records list %,d files"
                        + " and take %,d bytes; the snapshot has %d packages%n", home.resolve("miniconda3"), written.condaRecords(),
                written.condaPythonPackages(), written.pipDistributions(), written.listedFiles(), written.condaMetaBytes(),
                snapshot.getPackages().size());
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public ScanResult scan() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        return scanner.scan(HOST, List.of(), config.labels(),
                new Discovery(config, OsFamily.LINUX, root, home, Map.of()).discover(deadline), deadline);
    }
}
