package io.envaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code envaudit} command: one subcommand per job, each in its own class. */
@Command(name = "envaudit",
        mixinStandardHelpOptions = true,
        versionProvider = EnvauditVersion.class,
        description = "Audits the Python and conda environments of a fleet of ML workstations.",
        subcommands = {UpCommand.class, RunCommand.class, RouteCommand.class, AuditCommand.class, ConvertCommand.class, AgentCommand.class,
            RulesCommand.class, DlqCommand.class, SpecCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class EnvauditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(UsageErrors.commandLine(new EnvauditCommand()).execute(args));
    }
}
