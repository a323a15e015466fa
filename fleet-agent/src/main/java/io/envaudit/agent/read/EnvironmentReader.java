package io.envaudit.agent.read;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.names.PackageName;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an environment into snapshot packages, from files only (no interpreter is run):
 * <ul>
 *   <li>each {@code conda-meta/*.json} record is a CONDA package;</li>
 *   <li>each dist-info or egg-info in the site folders that no conda record lists among its files is a pip
 *       install (PIP), or the OS package manager's in an OS folder; one whose name is a conda record's
 *       distribution is marked as shadowing that record;</li>
 *   <li>the Python version comes from the {@code python} conda record, {@code pyvenv.cfg}, discovery (dpkg's
 *       record of a system Python), or the interpreter's C header {@code include/pythonX.Y/patchlevel.h}.</li>
 * </ul>
 * A record or metadata file that cannot be read is left out, named in a problem, and makes the result partial.
 */
public final class EnvironmentReader {
    private final NameMap names;

    public EnvironmentReader(NameMap names) {
        this.names = names;
    }

    public EnvironmentContents read(EnvironmentLocation location) {
        ReadLog log = new ReadLog();
        Path prefix = location.prefix();
        List<CondaMetaRecord> conda = condaRecords(prefix.resolve("conda-meta"), log);
        Set<Path> condaOwned = new HashSet<>();
        for (CondaMetaRecord record : conda) {
            record.metadataFolders().forEach(folder -> condaOwned.add(prefix.resolve(folder).normalize()));
        }
        // a pip install over a conda package: the pip record names the conda one it shadows
        Map<String, String> condaByDistribution = new TreeMap<>();
        for (CondaMetaRecord record : conda) {
            condaByDistribution.putIfAbsent(names.pypiNameOfConda(record.name()), record.name());
        }
        List<InstalledPackage> packages = new ArrayList<>();
        conda.stream().sorted(Comparator.comparing(CondaMetaRecord::name)).forEach(r -> packages.add(condaPackage(r)));
        List<InstalledPackage> python = new ArrayList<>();
        Map<String, DirectUrl> origins = new LinkedHashMap<>();
        for (SiteFolder site : location.siteFolders()) {
            for (PythonDistribution d : SitePackages.read(site.folder(), log)) {
                if (condaOwned.contains(d.metadata().normalize())) {
                    continue;
                }
                Installer installer = site.installer();
                if (installer == Installer.PIP && "conda".equalsIgnoreCase(d.installerTool()) && !conda.isEmpty()) {
                    log.note(new ReadProblem(d.metadata(), "says conda installed it, but no conda-meta record lists it; reported with installer UNKNOWN"));
                    installer = Installer.UNKNOWN;
                }
                python.add(pythonPackage(d, installer, installer == Installer.PIP ? condaByDistribution.get(d.normalizedName()) : null));
                if (d.directUrl() != null) {
                    origins.put(d.name(), d.directUrl());
                }
            }
        }
        python.sort(Comparator.comparing((InstalledPackage p) -> PackageName.normalize(p.getName()))
                .thenComparing(InstalledPackage::getVersion));
        packages.addAll(python);
        String pythonVersion = pythonVersion(location, conda, log);
        return new EnvironmentContents(packages, pythonVersion, log.partial(), log.problems(), origins);
    }

    private static List<CondaMetaRecord> condaRecords(Path condaMeta, ReadLog log) {
        if (!Files.isDirectory(condaMeta)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(condaMeta, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            log.leftOut(new ReadProblem(condaMeta, "cannot be listed: " + IoMessages.describe(e)));
            return List.of();
        }
        files.sort(null);
        List<CondaMetaRecord> records = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                records.add(CondaMetaReader.read(file));
            } catch (UnreadableFileException e) {
                log.leftOut(e.problem());
            }
        }
        return records;
    }

    private static InstalledPackage condaPackage(CondaMetaRecord r) {
        return InstalledPackage.newBuilder()
                .setName(r.name())
                .setVersion(r.version())
                .setInstaller(Installer.CONDA)
                .setChannel(r.channel())
                .setSubdir(r.subdir())
                .setBuild(r.build())
                .setBuildNumber(r.buildNumber())
                .setDepends(r.depends())
                .setConstrains(r.constrains())
                .build();
    }

    private static InstalledPackage pythonPackage(PythonDistribution d, Installer installer, String shadows) {
        return InstalledPackage.newBuilder()
                .setName(d.name())
                .setVersion(d.version())
                .setInstaller(installer)
                // pip records no index; "pypi" says "an index install", as conda list does. The OS's are no pip installs.
                .setChannel(installer == Installer.PIP ? Channel.PYPI : null)
                .setRequires(d.requires())
                .setShadows(shadows)
                .build();
    }

    private static String pythonVersion(EnvironmentLocation location, List<CondaMetaRecord> conda, ReadLog log) {
        for (CondaMetaRecord record : conda) {
            if (record.name().equals("python")) {
                return record.version();
            }
        }
        Path cfg = location.prefix().resolve("pyvenv.cfg");
        if (Files.isRegularFile(cfg)) {
            try {
                PyvenvCfg venv = PyvenvCfg.parse(TextFiles.read(cfg, log));
                if (venv.includesSystemSitePackages()) {
                    log.leftOut(new ReadProblem(cfg, "include-system-site-packages = true: the base interpreter's packages, "
                            + "which this venv also imports, are not read"));
                }
                if (venv.pythonVersion() != null) {
                    return venv.pythonVersion();
                }
            } catch (UnreadableFileException e) {
                log.note(e.problem());
            }
        }
        if (location.pythonVersion() != null) {
            return location.pythonVersion();
        }
        String built = PatchLevel.pythonVersion(location.prefix());
        if (built != null) {
            return built;
        }
        log.note(new ReadProblem(location.prefix(), "no file says which Python this environment has"));
        return null;
    }
}
