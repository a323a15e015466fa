package io.envaudit.listings;

import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PyTorch's {@code collect_env.py} report: platform facts ({@link CollectEnvFacts}), then under
 * {@code Versions of relevant libraries:} the packages whose names match its filter (torch, numpy, mypy,
 * triton, ...), as {@code [pip3] name==version} lines ({@code [pip] name (version)} before 2019) and
 * {@code [conda]} rows of conda list. Only those selected packages are shown, so the listing is partial.
 *
 * <p>pip lists every distribution it finds, conda's included, so a package in both sections at the same
 * version (or, for torch, torchvision and torchaudio, at the version a conda build stamps on itself) is one install: the conda row is kept (it says more), the pip line dropped. A pip line at a version
 * no conda row of its distribution has is kept beside the row, but what it is the report does not say: a
 * second install (pip over conda, or one outside the environment, in the user site or on PYTHONPATH, which
 * conda does not list) or the conda package's own metadata stating another version (a package built from a
 * source tree carries the tree's version: the pytorch channel's torchaudio 0.9.1 says 0.9.0a0+a85b239). Its
 * installer is then unknown, except where the import settles it.
 *
 * <p>{@code PyTorch version:} is the torch that imports. A pip line of torch at that version is what imports,
 * over the conda package it shadows; an imported version that no row or line shows is an install the
 * sections do not list (a stale record names another version), recorded with its installer unknown.
 */
final class CollectEnvParser implements ListingParser {
    static final String LIBRARIES = "Versions of relevant libraries:";
    private static final Pattern SECTION = Pattern.compile("^\\[(pip3?|conda)\\]\\s+(.*)$");
    private static final Pattern OLD_PIP_LIST = Pattern.compile("^(\\S+) \\((\\S+)\\)$");
    private static final String NOT_COLLECTED = "Could not collect";
    private static final String TORCH = "torch";

    /** A package of one of the two sections, and the line it is written on. */
    private record Listed(InstalledPackage record, int line) {
    }

    @Override
    public ParsedListing parse(ListingText text) {
        ListingBuilder listing = new ListingBuilder(ListingFormat.COLLECT_ENV).partial(true);
        CollectEnvFacts facts = new CollectEnvFacts();
        List<Listed> pip = new ArrayList<>();
        List<Listed> conda = new ArrayList<>();
        boolean libraries = false;
        List<String> lines = text.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals(LIBRARIES)) {
                libraries = true;
            } else if (!libraries) {
                facts.read(lines.get(i), i + 1);
            } else if (!line.isEmpty()) {
                library(i + 1, line, pip, conda, listing);
            }
        }
        if (!libraries) {
            throw text.error(0, "expected a '" + LIBRARIES + "' section (PyTorch collect_env output)");
        }
        conda.forEach(row -> listing.add(row.record(), row.line()));
        CollectEnvFacts.ImportedTorch imported = facts.importedTorch();
        boolean[] answered = new boolean[conda.size()];
        for (Listed p : pip) {
            if (!listedByConda(p.record(), conda, answered)) {
                listing.add(placed(p.record(), conda, imported), p.line());
            }
        }
        if (imported != null && Stream.concat(conda.stream(), pip.stream())
                .noneMatch(p -> distribution(p.record()).equals(TORCH) && sameInstall(p.record(), imported.version()))) {
            listing.add(Packages.ofUnknownInstaller(TORCH, imported.version()), imported.line());
        }
        return listing.platform(facts.platform())
                .manager(conda.isEmpty() ? EnvironmentManager.UNKNOWN : EnvironmentManager.CONDA)
                .build();
    }

    private static void library(int number, String line, List<Listed> pip, List<Listed> conda, ListingBuilder listing) {
        Matcher section = SECTION.matcher(line);
        if (!section.matches()) {
            listing.skip(number, line, "expected a [pip3] or [conda] line");
            return;
        }
        String entry = section.group(2).strip();
        if (entry.equals(NOT_COLLECTED)) {
            return;
        }
        try {
            if (section.group(1).equals("conda")) {
                conda.add(new Listed(CondaListRow.parse(entry), number));
            } else {
                Matcher old = OLD_PIP_LIST.matcher(entry);
                InstalledPackage p = old.matches() ? Packages.pip(old.group(1), old.group(2)) : PipRequirementLine.read(entry, null);
                if (p != null) {
                    pip.add(new Listed(p, number));
                }
            }
        } catch (UnreadableLine e) {
            listing.skip(number, line, e.getMessage());
        }
    }

    /**
     * A pip line no conda row shows: pip's, unless a conda package of its distribution is listed, when its installer is
     * unknown, or the import shows it is the torch that loads, over that package. The import settles nothing for a
     * version built from a source tree ({@link PytorchVersionStamp}): the conda package may be such a build.
     */
    private static InstalledPackage placed(InstalledPackage p, List<Listed> conda, CollectEnvFacts.ImportedTorch imported) {
        String distribution = distribution(p);
        InstalledPackage condaPackage = conda.stream().map(Listed::record)
                .filter(row -> row.getInstaller() == Installer.CONDA && distribution(row).equals(distribution))
                .findFirst().orElse(null);
        if (condaPackage == null) {
            return p;
        }
        if (distribution.equals(TORCH) && imported != null && sameVersion(p.getVersion(), imported.version())
                && !PytorchVersionStamp.isTreeStamp(p.getVersion())) {
            return InstalledPackage.newBuilder(p).setShadows(condaPackage.getName()).build();
        }
        return Packages.ofUnknownInstaller(p.getName(), p.getVersion());
    }

    /** The PyPI name of a row or line: conda's {@code pytorch} is pip's {@code torch}. */
    private static String distribution(InstalledPackage p) {
        return p.getInstaller() == Installer.CONDA ? NameMap.builtIn().pypiNameOfConda(p.getName()) : PackageName.normalize(p.getName());
    }

    /**
     * Whether a conda row shows the same install: one of the same distribution (conda's {@code pytorch} is
     * pip's {@code torch}) at the same version, or at the version its build stamps on itself (conda-forge's
     * pytorch 2.4.1 build 300 is pip's torch 2.4.1.post300, {@link PytorchVersionStamp}). Each row stands for one install, so a row answers for at most
     * one pip line: seven {@code torch <pip>} rows and one pip line are still seven installs.
     */
    private static boolean listedByConda(InstalledPackage p, List<Listed> conda, boolean[] answered) {
        String distribution = distribution(p);
        for (int i = 0; i < conda.size(); i++) {
            InstalledPackage row = conda.get(i).record();
            if (!answered[i] && distribution(row).equals(distribution) && sameInstall(row, p.getVersion())) {
                answered[i] = true;
                return true;
            }
        }
        return false;
    }

    /** Whether a row or line can be the install that reports this version: at it, or a conda build of torch that stamps it so. */
    private static boolean sameInstall(InstalledPackage p, String reported) {
        return sameVersion(p.getVersion(), reported) || (p.getInstaller() == Installer.CONDA
                && PytorchVersionStamp.stamps(distribution(p)) && PytorchVersionStamp.isReleaseStampOf(p, reported));
    }

    private static boolean sameVersion(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Pep440Version pa = Pep440Version.tryParse(a);
        Pep440Version pb = Pep440Version.tryParse(b);
        return pa != null && pa.equals(pb);
    }
}
