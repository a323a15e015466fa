package io.envaudit.agent.scan;

import io.envaudit.agent.host.HostFacts;
import io.envaudit.agent.read.ReadProblem;

import java.util.List;

/**
 * A whole scan: the host, each environment read, and what the scan as a whole could not do (folders it
 * could not search, environments gone before they were read, the time budget running out).
 *
 * @param complete false when the time budget cut the scan short: an environment not listed may still exist
 */
public record ScanResult(HostFacts host, List<ScannedEnvironment> environments, List<ReadProblem> problems,
                         List<String> hostNotes, boolean complete) {
    public ScanResult {
        environments = List.copyOf(environments);
        problems = List.copyOf(problems);
        hostNotes = List.copyOf(hostNotes);
    }
}
