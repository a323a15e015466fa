package io.envaudit.agent.scan;

import io.envaudit.agent.discover.Deadline;
import io.envaudit.agent.discover.DiscoveryResult;
import io.envaudit.agent.host.HostFacts;
import io.envaudit.agent.read.EnvironmentContents;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.EnvironmentReader;
import io.envaudit.agent.read.ReadProblem;
import io.envaudit.engine.names.NameMap;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the environments a discovery found into snapshots, one after another, until the deadline. An
 * environment whose folder is gone by the time it was read (deleted mid-scan) is reported, not snapshotted:
 * an empty snapshot would say it was emptied, not deleted.
 */
public final class Scanner {
    private final EnvironmentReader reader = new EnvironmentReader(NameMap.builtIn());
    private final Clock clock;

    public Scanner(Clock clock) {
        this.clock = clock;
    }

    public ScanResult scan(HostFacts host, List<String> hostNotes, Map<String, String> labels, DiscoveryResult discovered,
                           Deadline deadline) {
        List<ScannedEnvironment> scanned = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>(discovered.problems());
        List<EnvironmentLocation> locations = discovered.environments();
        boolean complete = !discovered.budgetSpent();
        for (int i = 0; i < locations.size(); i++) {
            EnvironmentLocation location = locations.get(i);
            if (deadline.passed()) {
                problems.add(new ReadProblem(location.prefix(), "the time budget (" + deadline.budget().toSeconds()
                        + " s) ran out: this and " + (locations.size() - i - 1) + " more environments were not read"));
                complete = false;
                break;
            }
            EnvironmentContents contents = reader.read(location);
            if (!Files.isDirectory(location.prefix())) {
                problems.add(new ReadProblem(location.prefix(), "was deleted during the scan"));
                continue;
            }
            scanned.add(new ScannedEnvironment(SnapshotFactory.snapshot(host, labels, location, contents, clock.instant()),
                    contents.problems(), contents.origins()));
        }
        return new ScanResult(host, scanned, problems, hostNotes, complete);
    }
}
