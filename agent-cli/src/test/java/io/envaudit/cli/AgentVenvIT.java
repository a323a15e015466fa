package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent against a real Python: a venv made by Debian's {@code /usr/bin/python3 -m venv}, filled with real
 * METADATA files (fleet-agent's real-envs) and a few written here to break requirements. What
 * {@code agent scan} sees must be what Debian's pip lists, and the requirement conflicts {@code audit}
 * finds in that scan must be what {@code pip check} prints, conflict for conflict. CI installs python3-venv
 * and python3-pip (.ci/run), so there a missing one fails; elsewhere the test is skipped.
 */
class AgentVenvIT {
    private static final EnvauditJar AGENT_JAR = new EnvauditJar(Path.of("target", "envaudit-agent.jar"));
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;
    static Path venv;

    private record Done(int exitCode, String out) {
    }

    private static Done python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Done(process.exitValue(), out);
    }

    @BeforeAll
    static void venvWithPackages() throws Exception {
        boolean usable = Files.isExecutable(PYTHON) && python("-c", "import venv, pip").exitCode() == 0;
        if (!usable && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(PYTHON + " lacks venv or pip: .ci/run installs python3-venv and python3-pip");
        }
        Assumptions.assumeTrue(usable, "needs Debian's python3-venv and python3-pip (apt-get install python3-venv python3-pip)");
        venv = folder.resolve("venv");
        Done made = python("-m", "venv", "--without-pip", venv.toString());
        assertEquals(0, made.exitCode(), made.out());
        String minor = python("-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')").out().strip();
        Path site = venv.resolve("lib/python" + minor + "/site-packages");
        for (String real : List.of("Flask-2.0.0", "annotated_types-0.7.0", "cryptography-2.3.1", "h5py-2.8.0", "networkx-3.0",
                "numpy-1.15.0", "pip-25.0.1", "requests-2.19.1")) {
            Path distInfo = Files.createDirectories(site.resolve(real + ".dist-info"));
            try (InputStream in = AgentVenvIT.class.getResourceAsStream("/real-envs/dist-info/" + real + "/METADATA")) {
                Files.write(distInfo.resolve("METADATA"), in.readAllBytes());
            }
        }
        // requests 2.19.1 wants idna<2.8 and urllib3<1.24; Flask 2.0 wants Jinja2>=3.0; cryptography excludes cffi 1.11.3
        distInfo(site, "idna", "2.8");
        distInfo(site, "urllib3", "1.26.0");
        distInfo(site, "chardet", "3.0.4");
        distInfo(site, "Jinja2", "2.11.3", "MarkupSafe>=0.23");
        distInfo(site, "Werkzeug", "2.0.0");
        distInfo(site, "click", "8.0.0", "colorama; platform_system == \"Windows\"");
        distInfo(site, "cffi", "1.11.3", "pycparser");
        distInfo(site, "six", "1.16.0");
        Path egg = Files.createDirectories(site.resolve("legacy_tool-0.9-py3.egg-info"));
        Files.writeString(egg.resolve("PKG-INFO"), "Metadata-Version: 1.1\nName: legacy-tool\nVersion: 0.9\n");
        Files.writeString(egg.resolve("requires.txt"), "six>=1.17\n\n[docs]\nsphinx\n");
    }

    private static void distInfo(Path site, String name, String version, String... requires) throws IOException {
        Path distInfo = Files.createDirectories(site.resolve(name + "-" + version + ".dist-info"));
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String r : requires) {
            metadata.append("Requires-Dist: ").append(r).append('\n');
        }
        Files.writeString(distInfo.resolve("METADATA"), metadata);
        Files.writeString(distInfo.resolve("INSTALLER"), "pip\n");
    }

    private static JsonNode scan() throws Exception {
        CommandResult scan = AGENT_JAR.run("", "agent", "scan", "--path", venv.toString(), "--format", "json");
        assertEquals(0, scan.exitCode(), scan.err());
        assertEquals("", scan.err());
        return JSON.readTree(scan.out());
    }

    @Test
    void theAgentSeesWhatPipLists() throws Exception {
        Done pipList = python("-m", "pip", "--python", venv.resolve("bin/python").toString(), "list", "--format", "json",
                "--disable-pip-version-check");
        assertEquals(0, pipList.exitCode(), pipList.out());
        Set<String> pip = new TreeSet<>();
        JSON.readTree(pipList.out()).forEach(p -> pip.add(p.get("name").asText() + " " + p.get("version").asText()));
        JsonNode snapshot = scan();
        Set<String> agent = new TreeSet<>();
        snapshot.get("packages").forEach(p -> agent.add(p.get("name").asText() + " " + p.get("version").asText()));
        assertEquals(pip, agent);
        assertEquals(17, agent.size(), "8 real, 8 written here, 1 egg");
        assertEquals("VENV", snapshot.get("environment").get("manager").asText());
        String version = python("-c", "import platform; print(platform.python_version())").out().strip();
        assertEquals(version, snapshot.get("platform").get("python_version").asText());
    }

    @Test
    void auditFindsWhatPipCheckFinds() throws Exception {
        Done pipCheck = python("-m", "pip", "--python", venv.resolve("bin/python").toString(), "check", "--disable-pip-version-check");
        assertEquals(1, pipCheck.exitCode(), pipCheck.out());
        Set<String> pip = new TreeSet<>(pipCheck.out().lines().filter(l -> !l.isBlank()).toList());

        Path scanned = folder.resolve("venv.json");
        Files.writeString(scanned, JSON.writeValueAsString(scan()));
        CommandResult audit = AGENT_JAR.run("", "audit", "--format", "json", scanned.toString());
        assertEquals(1, audit.exitCode(), audit.err());
        Set<String> envaudit = new TreeSet<>();
        for (JsonNode environment : JSON.readTree(audit.out())) {
            for (JsonNode conflict : environment.get("conflicts")) {
                if (conflict.get("rule").asText().equals("pip-requirements")) {
                    // one conflict per requiring package, its pip check lines joined by spaces
                    String subject = conflict.get("subject").asText();
                    envaudit.addAll(List.of(conflict.get("explanation").asText()
                            .split("(?<=\\.) (?=" + Pattern.quote(subject + " ") + ")")));
                }
            }
        }
        assertEquals(pip, envaudit);
        assertTrue(pip.size() >= 8, pip.toString());
    }
}
