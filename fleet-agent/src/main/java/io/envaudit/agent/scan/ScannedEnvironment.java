package io.envaudit.agent.scan;

import io.envaudit.agent.read.DirectUrl;
import io.envaudit.agent.read.ReadProblem;
import io.envaudit.schemas.EnvironmentSnapshot;

import java.util.List;
import java.util.Map;

/**
 * One environment as the agent read it: its snapshot, what could not be read, and where URL installs came
 * from (the snapshot has no field for that; the text report shows it).
 */
public record ScannedEnvironment(EnvironmentSnapshot snapshot, List<ReadProblem> problems, Map<String, DirectUrl> origins) {
    public ScannedEnvironment {
        problems = List.copyOf(problems);
        origins = Map.copyOf(origins);
    }

    public String id() {
        return snapshot.getEnvironment().getId();
    }
}
