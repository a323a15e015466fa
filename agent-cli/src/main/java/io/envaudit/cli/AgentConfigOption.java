package io.envaudit.cli;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.config.AgentConfigException;
import io.envaudit.agent.config.AgentConfigReader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --config FILE}: the agent's YAML configuration, shared by the agent's commands. */
final class AgentConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The agent's configuration (YAML, docs/agent.md): labels, roots, include/exclude, time budget.")
    Path file;

    AgentConfig load() throws AgentConfigException {
        return file == null ? AgentConfig.defaults()
                : new AgentConfigReader(Path.of(System.getProperty("user.home"))).read(file);
    }
}
