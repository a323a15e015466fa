package io.envaudit.agent.discover;

import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.ReadProblem;

import java.util.List;

/**
 * The environments a discovery found, what it could not look into, and whether it stopped at the time
 * budget (then environments may be missing from the list).
 */
public record DiscoveryResult(List<EnvironmentLocation> environments, List<ReadProblem> problems, boolean budgetSpent) {
    public DiscoveryResult {
        environments = List.copyOf(environments);
        problems = List.copyOf(problems);
    }
}
