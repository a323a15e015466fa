package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentScanCommandTest {
    @TempDir
    Path folder;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EnvauditAgentCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path venv(String name, String packageName, String version) throws IOException {
        Path prefix = folder.resolve(name);
        Path distInfo = Files.createDirectories(prefix.resolve("lib/python3.11/site-packages/" + packageName + "-" + version + ".dist-info"));
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = /usr/bin\nversion = 3.11.2\n");
        Files.writeString(distInfo.resolve("METADATA"), "Metadata-Version: 2.1\nName: " + packageName + "\nVersion: " + version + "\n");
        return prefix;
    }

    @Test
    void jsonIsOneSnapshotPerEnvironmentThatAuditReads() throws IOException {
        Path a = venv("a", "six", "1.16.0");
        Path b = venv("b", "idna", "3.4");
        Result scan = run("agent", "scan", "--path", a.toString(), b.toString(), "--format", "json");
        assertEquals(0, scan.code(), scan.err());
        List<EnvironmentSnapshot> snapshots = AvroPlainJson.readAll(new StringReader(scan.out()), "scan", EnvironmentSnapshot.getClassSchema());
        assertEquals(List.of(a.toString(), b.toString()), snapshots.stream().map(s -> s.getEnvironment().getPrefix()).toList());

        Path file = Files.writeString(folder.resolve("me.json"), scan.out());
        Result audit = run("audit", file.toString());
        assertEquals(0, audit.code(), audit.err());
        assertTrue(audit.out().contains("venv environment " + a) && audit.out().contains("venv environment " + b), audit.out());
    }

    @Test
    void textListsPackagesAndProblems() throws IOException {
        Path a = venv("a", "six", "1.16.0");
        Files.createDirectories(a.resolve("lib/python3.11/site-packages/broken-1.0.dist-info"));
        Result scan = run("agent", "scan", "--path", a.toString());
        assertEquals(0, scan.code(), scan.err());
        assertTrue(scan.out().contains("venv " + a + " (a), Python 3.11.2, 1 packages, partial (see the problems)"), scan.out());
        assertTrue(scan.out().contains("  six 1.16.0  pip"), scan.out());
        assertTrue(scan.out().contains("  problem: " + a.resolve("lib/python3.11/site-packages/broken-1.0.dist-info/METADATA")
                + ": cannot be read: no such file"), scan.out());
    }

    @Test
    void aFolderThatIsNoEnvironmentIsAUsageError() {
        Result scan = run("agent", "scan", "--path", folder.toString());
        assertEquals(2, scan.code());
        assertEquals("error: " + folder + ": is no Python environment: no conda-meta/, pyvenv.cfg or lib/pythonX.Y/site-packages\n",
                scan.err());
    }

    @Test
    void aBadConfigurationIsAUsageErrorNamingWhere() throws IOException {
        Path config = Files.writeString(folder.resolve("agent.yaml"), "labels: {team: x}\ntime_budget: later\n");
        Result scan = run("agent", "scan", "--config", config.toString());
        assertEquals(2, scan.code());
        assertEquals("error: " + config + ":2:14: time_budget: expected a duration such as 30s, 500ms, 5m or 1h, found 'later'\n",
                scan.err());
    }
}
