package io.envaudit.agent.config;

import io.envaudit.agent.host.OsFamily;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the agent's configuration file says (docs/agent.md lists the keys). Lists are empty, never null.
 *
 * @param labels       put on every snapshot's host (team, site...)
 * @param homes        user homes to look in; empty: the agent user's home and every folder in /home
 * @param condaRoots   conda, mamba or micromamba installs beyond the usual places
 * @param venvRoots    folders searched for venvs, conda prefixes and pixi projects; empty: the homes
 * @param venvDepth    how many folder levels below a venv root the search goes
 * @param include      globs: when any is given, only environments whose prefix matches one are read
 * @param exclude      globs: environments whose prefix matches one are not read, nor searched below
 * @param timeBudget   a scan stops looking and reading when this is spent, and says what it left out
 * @param nvidiaSmi    the nvidia-smi to run; null: the one on PATH, if any
 * @param systemPython whether the interpreters installed outside environments are read (Debian's dist-packages,
 *                     python.org's and Homebrew's on a Mac, python.org's on Windows)
 * @param layout       whose places discovery looks in; null: this machine's OS family's
 * @param root         where discovery looks: another system's disk mounted here; null: this machine's file system
 */
public record AgentConfig(Map<String, String> labels, List<Path> homes, List<Path> condaRoots, List<Path> venvRoots,
                          int venvDepth, List<String> include, List<String> exclude, Duration timeBudget,
                          Path nvidiaSmi, boolean systemPython, OsFamily layout, Path root) {
    public static final int DEFAULT_VENV_DEPTH = 5;
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(60);

    public AgentConfig {
        labels = Map.copyOf(labels);
        homes = List.copyOf(homes);
        condaRoots = List.copyOf(condaRoots);
        venvRoots = List.copyOf(venvRoots);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The configuration when there is no file. */
    public static AgentConfig defaults() {
        return new AgentConfig(Map.of(), List.of(), List.of(), List.of(), DEFAULT_VENV_DEPTH, List.of(), List.of(),
                DEFAULT_TIME_BUDGET, null, true, null, null);
    }
}
