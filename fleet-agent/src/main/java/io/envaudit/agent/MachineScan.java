package io.envaudit.agent;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.discover.Deadline;
import io.envaudit.agent.discover.Discovery;
import io.envaudit.agent.discover.DiscoveryResult;
import io.envaudit.agent.host.HostFacts;
import io.envaudit.agent.host.HostFactsReader;
import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.process.ProgramSearch;
import io.envaudit.agent.scan.ScanResult;
import io.envaudit.agent.scan.Scanner;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scan of this machine, as {@code agent scan} and {@code agent publish} run it: the host's facts,
 * then the environments (found by discovery, or the prefixes given), each read into a snapshot, all within
 * the configuration's time budget.
 */
public final class MachineScan {
    private final AgentConfig config;
    private final Map<String, String> environment;
    private final Clock clock;

    /** @param environment the process's environment variables (PATH, CONDA_PREFIX, HOME...) */
    public MachineScan(AgentConfig config, Map<String, String> environment, Clock clock) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    /** @param prefixes the environments to read; empty: discover them */
    public ScanResult run(List<Path> prefixes) {
        Deadline deadline = Deadline.after(config.timeBudget());
        List<String> hostNotes = new ArrayList<>();
        HostFacts host = HostFactsReader.ofThisMachine(nvidiaSmi()).read(hostNotes);
        DiscoveryResult found = prefixes.isEmpty() ? discovery().discover(deadline) : Discovery.at(prefixes);
        return new Scanner(clock).scan(host, hostNotes, config.labels(), found, deadline);
    }

    /**
     * Discovery of this machine as configured: by default its own file system, laid out as its OS lays it out.
     * A configured root is another system's disk mounted here (a Windows disk under WSL, an old disk): this
     * process's environment (CONDA_PREFIX, the conda on PATH) says nothing about it and is left out.
     */
    private Discovery discovery() {
        Path userHome = Path.of(System.getProperty("user.home"));
        OsFamily layout = config.layout() != null ? config.layout() : OsFamily.ofHost();
        return config.root() == null
                ? new Discovery(config, layout, userHome.getRoot(), userHome, environment)
                : new Discovery(config, layout, config.root().toAbsolutePath().normalize(), userHome, Map.of());
    }

    /** The configured nvidia-smi, else the first on PATH, else none. */
    private Path nvidiaSmi() {
        return config.nvidiaSmi() != null ? config.nvidiaSmi() : ProgramSearch.onPath(environment, "nvidia-smi").orElse(null);
    }
}
