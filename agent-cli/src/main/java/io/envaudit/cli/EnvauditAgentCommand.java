package io.envaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code envaudit-agent} command of the slim agent jar that workstations install and run as
 * {@code bin/envaudit-agent}: the agent, and the offline audit of what it finds. The same classes are subcommands of
 * the full jar's {@code EnvauditCommand}, so both jars take the same command lines.
 */
@Command(name = "envaudit-agent",
        mixinStandardHelpOptions = true,
        versionProvider = EnvauditVersion.class,
        description = "Reads this workstation's Python and conda environments, audits them, and publishes them to envaudit.",
        subcommands = {AgentCommand.class, AuditCommand.class, ConvertCommand.class, CommandLine.HelpCommand.class})
public final class EnvauditAgentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(UsageErrors.commandLine(new EnvauditAgentCommand()).execute(args));
    }
}
