package io.envaudit.cli;

import io.envaudit.agent.MachineScan;
import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.config.AgentConfigException;
import io.envaudit.agent.scan.ScanResult;
import io.envaudit.agent.scan.ScannedEnvironment;
import io.envaudit.engine.json.AvroPlainJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code envaudit agent scan}: read this machine's environments and print them, with no Kafka. */
@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Find this machine's Python environments (or read the ones given) and print what they hold.",
            "--format json prints one snapshot per environment, one after another, as ${ROOT-COMMAND-NAME} audit reads them:",
            "  ${ROOT-COMMAND-NAME} agent scan --format json > me.json",
            "  ${ROOT-COMMAND-NAME} audit me.json",
            "Exit 0 when the scan ran (problems with single files are reported and skipped), 2 on bad usage."})
final class AgentScanCommand implements Callable<Integer> {
    enum Format { text, json }

    @Option(names = "--path", paramLabel = "PREFIX", arity = "1..*",
            description = "Read these environment folders instead of discovering them.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Mixin
    AgentConfigOption config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AgentConfig agentConfig;
        try {
            agentConfig = config.load();
        } catch (AgentConfigException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        ScanResult result = new MachineScan(agentConfig, System.getenv(), Clock.systemUTC()).run(paths);
        if (!paths.isEmpty() && result.environments().size() < paths.size()) {
            result.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return 2;
        }
        if (format == Format.json) {
            for (ScannedEnvironment environment : result.environments()) {
                AvroPlainJson.write(environment.snapshot(), out);
                out.println();
                environment.problems().forEach(p -> err.println("warning: " + p));
            }
            result.problems().forEach(p -> err.println("warning: " + p));
            result.hostNotes().forEach(n -> err.println("warning: " + n));
        } else {
            ScanReport.text(result, out);
        }
        out.flush();
        err.flush();
        return 0;
    }
}
