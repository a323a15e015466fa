package io.envaudit.engine.audit;

import io.envaudit.engine.conda.CondaRecord;
import io.envaudit.engine.names.Channel;
import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;

/**
 * An installed package as the engine sees it, worked out once per snapshot.
 *
 * @param record       the package as the snapshot has it
 * @param distribution the PyPI distribution it is (PEP 503 normalized; for conda records through the name map)
 * @param condaName    the conda name, lower case, for conda records; the normalized name for others
 * @param version      the version in the record's own flavor, or null when it does not parse (unknown)
 * @param versionError why the version is unknown, or null
 * @param channel      the canonical channel ({@code pypi} for pip installs), or null for a conda record whose
 *                     snapshot does not say (a listing naming no channel per package): unknown, never defaults
 * @param metapackage  a conda metapackage whose implementation is installed beside it: it is not the
 *                     distribution itself, so rules and duplicate checks look past it
 */
public record InstalledPackageView(InstalledPackage record, String distribution, String condaName,
                                   InstalledVersion version, String versionError, Channel channel,
                                   boolean metapackage) {

    public boolean isConda() {
        return record.getInstaller() == Installer.CONDA;
    }

    public String name() {
        return record.getName();
    }

    public PackageRef ref() {
        return new PackageRef(record.getName(), record.getVersion(), record.getInstaller().name(),
                channel == null ? null : channel.toString(), record.getBuild());
    }

    /** The view MatchSpec matches against. */
    public CondaRecord condaRecord() {
        long buildNumber = record.getBuildNumber() == null ? 0 : record.getBuildNumber();
        return new CondaRecord(record.getName(), record.getVersion(), record.getBuild() == null ? "" : record.getBuild(),
                buildNumber, channel == null ? null : channel.toString(), record.getSubdir() == null ? "" : record.getSubdir());
    }

    @Override
    public String toString() {
        return record.getName() + " " + record.getVersion();
    }
}
