package io.envaudit.agent.discover;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.ReadProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asking conda, with real programs on a PATH made for each test: shell scripts in conda's, mamba's and
 * micromamba's place that answer as they do, one that hangs, one that prints something else, one that fails.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in programs are POSIX shell scripts")
class CondaQueryTest {
    private static final String UNANSWERED = "; environments that only conda knows of may be missing";

    @TempDir
    Path root;

    private Path program(String name, String script) throws IOException {
        Path program = Files.createDirectories(root.resolve("bin")).resolve(name);
        Files.writeString(program, script);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    private Map<String, String> path() {
        return Map.of("PATH", root.resolve("empty") + ":" + root.resolve("bin"));
    }

    private Path condaPrefix(String relative) throws IOException {
        Path prefix = root.resolve(relative);
        Files.createDirectories(prefix.resolve("conda-meta"));
        Files.createDirectories(prefix.resolve("lib/python3.11/site-packages"));
        return prefix;
    }

    /** A deadline that never moves: the whole budget is what is left when conda is asked. */
    private static Deadline frozen(Duration budget) {
        return new Deadline(budget, () -> 0L);
    }

    /**
     * What {@code conda info --envs --json} prints up to conda 25.9: all of {@code conda info --json}, keys sorted,
     * two-space indents, with {@code envs} among them (abridged: the keys conda prints, fewer env_vars).
     */
    private String condaInfoJson(Path base, List<Path> envs) {
        StringBuilder listed = new StringBuilder();
        for (Path env : envs) {
            listed.append(listed.length() == 0 ? "" : ",\n").append("    \"").append(env).append('"');
        }
        return """
                {
                  "GID": 1000,
                  "UID": 1000,
                  "active_prefix": null,
                  "active_prefix_name": null,
                  "av_data_dir": "%1$s/etc/conda",
                  "av_metadata_url_base": null,
                  "channels": [
                    "https://repo.anaconda.com/pkgs/main/linux-64",
                    "https://repo.anaconda.com/pkgs/main/noarch",
                    "https://repo.anaconda.com/pkgs/r/linux-64",
                    "https://repo.anaconda.com/pkgs/r/noarch"
                  ],
                  "conda_build_version": "not installed",
                  "conda_env_version": "24.5.0",
                  "conda_location": "%1$s/lib/python3.12/site-packages/conda",
                  "conda_prefix": "%1$s",
                  "conda_shlvl": 0,
                  "conda_version": "24.5.0",
                  "config_files": [
                    "%2$s/.condarc"
                  ],
                  "default_prefix": "%1$s",
                  "env_vars": {
                    "CIO_TEST": "<not set>",
                    "CONDA_EXE": "%1$s/bin/conda",
                    "CURL_CA_BUNDLE": "<not set>",
                    "PATH": "%1$s/condabin:/usr/local/bin:/usr/bin:/bin"
                  },
                  "envs": [
                %3$s
                  ],
                  "envs_dirs": [
                    "%2$s/conda-envs",
                    "%1$s/envs",
                    "%2$s/.conda/envs"
                  ],
                  "netrc_file": null,
                  "offline": false,
                  "pkgs_dirs": [
                    "%1$s/pkgs",
                    "%2$s/.conda/pkgs"
                  ],
                  "platform": "linux-64",
                  "python_version": "3.12.4.final.0",
                  "rc_path": "%2$s/.condarc",
                  "requests_version": "2.32.2",
                  "root_prefix": "%1$s",
                  "root_writable": true,
                  "site_dirs": [],
                  "sys.executable": "%1$s/bin/python",
                  "sys.prefix": "%1$s",
                  "sys.version": "3.12.4 | packaged by Anaconda, Inc. | (main, Jun 18 2024, 15:12:24) [GCC 11.2.0]",
                  "user_agent": "conda/24.5.0 requests/2.32.2 CPython/3.12.4 Linux/6.1.0-13-amd64 debian/12 glibc/2.36 solver/libmamba conda-libmamba-solver/24.1.0 libmambapy/1.5.8",
                  "user_rc_path": "%2$s/.condarc",
                  "virtual_pkgs": [
                    [
                      "__archspec",
                      "1",
                      "x86_64_v3"
                    ],
                    [
                      "__glibc",
                      "2.36",
                      "0"
                    ],
                    [
                      "__linux",
                      "6.1.0",
                      "0"
                    ],
                    [
                      "__unix",
                      "0",
                      "0"
                    ]
                  ]
                }
                """.formatted(base, root.resolve("home/ana"), listed);
    }

    @Test
    void condaTellsOfTheEnvsOnlyItsConfigurationKnows() throws IOException {
        Path base = condaPrefix("home/ana/miniconda3");
        Files.createDirectories(base.resolve("pkgs"));
        Path ml = condaPrefix("home/ana/miniconda3/envs/ml");
        // in an envs_dirs that only ~/.condarc names: no file the agent reads lists it
        Path project = condaPrefix("home/ana/conda-envs/project");
        program("conda", """
                #!/bin/sh
                [ "$*" = "info --envs --json" ] || { echo "asked: $*" >&2; exit 2; }
                cat <<'EOF'
                %sEOF
                """.formatted(condaInfoJson(base, List.of(base, project, ml))));
        DiscoveryResult result = new Discovery(new AgentConfig(Map.of(), List.of(root.resolve("nobody")), List.of(), List.of(), 5,
                List.of(), List.of(), Duration.ofMinutes(1), null, false, null, null), OsFamily.LINUX, root, root.resolve("nobody"), path())
                .discover(Deadline.after(Duration.ofMinutes(1)));
        assertEquals(List.of(), result.problems());
        assertEquals(List.of(base + " base", project + " project", ml + " ml"),
                result.environments().stream().map(l -> l.prefix() + " " + l.name()).toList());
    }

    @Test
    void micromambaIsAskedItsOwnWayWhenThereIsNoConda() throws IOException {
        Path rootPrefix = Files.createDirectories(root.resolve("home/ana/micromamba"));
        Path jax = condaPrefix("home/ana/micromamba/envs/jax");
        program("micromamba", """
                #!/bin/sh
                [ "$*" = "env list --json" ] || { echo "asked: $*" >&2; exit 2; }
                printf '{\\n  "envs": [\\n    "%s",\\n    "%s"\\n  ]\\n}\\n'
                """.formatted(rootPrefix, jax));
        List<ReadProblem> problems = new ArrayList<>();
        List<Path> envs = CondaQuery.envs(path(), frozen(Duration.ofMinutes(1)), problems);
        assertEquals(List.of(rootPrefix, jax), envs);
        assertEquals(List.of(), problems);
        // micromamba's root prefix has no conda-meta until something is installed in it: only jax is an environment
        Candidates candidates = new Candidates(List.of(), List.of());
        envs.forEach(p -> CondaInstalls.prefix(p, candidates));
        assertEquals(List.of(jax), candidates.all().stream().map(EnvironmentLocation::prefix).toList());
    }

    @Test
    void noCondaOnPathIsNothingToAsk() {
        List<ReadProblem> problems = new ArrayList<>();
        assertEquals(List.of(), CondaQuery.envs(path(), frozen(Duration.ofMinutes(1)), problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void aCondaThatHangsIsKilledAtWhatIsLeftOfTheBudget() throws IOException {
        Path pidFile = root.resolve("sleep.pid");
        Path conda = program("conda", "#!/bin/sh\nsleep 600 &\necho $! > " + pidFile + "\nwait\n");
        List<ReadProblem> problems = new ArrayList<>();
        assertEquals(List.of(), CondaQuery.envs(path(), frozen(Duration.ofSeconds(1)), problems));
        assertEquals(List.of(new ReadProblem(conda, "info --envs --json: did not answer within 1 s" + UNANSWERED)), problems);
        // what it started is gone with it
        long sleep = Long.parseLong(Files.readString(pidFile).strip());
        Instant deadline = Instant.now().plusSeconds(30);
        while (ProcessHandle.of(sleep).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertFalse(ProcessHandle.of(sleep).map(ProcessHandle::isAlive).orElse(false), "sleep " + sleep + " still runs");
    }

    @Test
    void aCondaThatPrintsNoJsonIsAProblem() throws IOException {
        // conda 23.7.0 printed its text table for --json (conda/conda#12972)
        Path conda = program("conda", """
                #!/bin/sh
                cat <<'EOF'
                # conda environments:
                #
                base                  *  /home/ana/miniconda3
                EOF
                """);
        List<ReadProblem> problems = new ArrayList<>();
        assertEquals(List.of(), CondaQuery.envs(path(), frozen(Duration.ofMinutes(1)), problems));
        assertEquals(1, problems.size());
        assertEquals(conda, problems.get(0).file());
        assertEquals("info --envs --json printed no JSON (line 1, column 1: Unexpected character ('#' (code 35)): expected a valid value"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))" + UNANSWERED, problems.get(0).message());
    }

    @Test
    void jsonWithoutAnEnvsListIsAProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CondaQuery.envs("{\"root_prefix\": \"/opt/conda\"}"));
        assertEquals("JSON without an \"envs\" list", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CondaQuery.envs("{\"envs\": [\"/opt/conda\", {\"name\": \"base\"}]}"));
        assertEquals("an \"envs\" list holding something other than paths", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CondaQuery.envs("{\"envs\": [\"/opt/co"));
        assertTrue(e.getMessage().startsWith("no JSON (line 1, column "), e.getMessage());
    }

    @Test
    void aFailingCondaIsAProblemWithWhatItSaid() throws IOException {
        Path conda = program("conda", "#!/bin/sh\necho 'CondaError: Unable to create prefix directory' >&2\nexit 1\n");
        List<ReadProblem> problems = new ArrayList<>();
        assertEquals(List.of(), CondaQuery.envs(path(), frozen(Duration.ofMinutes(1)), problems));
        assertEquals(List.of(new ReadProblem(conda, "info --envs --json exited with 1 (CondaError: Unable to create prefix directory)"
                + UNANSWERED)), problems);
    }

    @Test
    void aCondaWhosePythonIsGoneCannotBeRun() throws IOException {
        // conda's entry point names the install's python, deleted since
        Path conda = program("conda", "#!" + root.resolve("gone/bin/python") + "\nimport sys\n");
        List<ReadProblem> problems = new ArrayList<>();
        assertEquals(List.of(), CondaQuery.envs(path(), frozen(Duration.ofMinutes(1)), problems));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("info --envs --json: cannot be run: Cannot run program \"" + conda + "\""),
                problems.get(0).message());
        assertTrue(problems.get(0).message().endsWith(UNANSWERED), problems.get(0).message());
        assertEquals(conda, problems.get(0).file());
    }
}
