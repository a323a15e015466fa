package io.envaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code envaudit agent}: the fleet agent's commands, run on each workstation. */
@Command(name = "agent", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = "The fleet agent: find and read this machine's Python environments, and publish them.",
        subcommands = {AgentScanCommand.class, AgentPublishCommand.class})
final class AgentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
