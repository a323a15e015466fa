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

/**
 * PyTorch's {@code collect_env.py} report: platform facts ({@link CollectEnvFacts}), then under
 * {@code Versions of relevant libraries:} the packages whose names match its filter (torch, numpy, mypy,
 * triton, ...), as {@code [pip3] name==version} lines ({@code [pip] name (version)} before 2019) and
 * {@code [conda]} rows of conda list. Only those selected packages are shown, so the listing is partial.
 *
 * <p>pip lists every distribution in site-packages, conda's included, so a package in both sections at the
 * same version is one install: the conda row is kept (it says more), the pip line dropped. A pip line whose
 * version no conda row of its distribution has is a second install (pip over conda, or a stale record) and
 * is kept beside the row.
 */
final class CollectEnvParser implements ListingParser {
    static final String LIBRARIES = "Versions of relevant libraries:";
    private static final Pattern SECTION = Pattern.compile("^\\[(pip3?|conda)\\]\\s+(.*)$");
    private static final Pattern OLD_PIP_LIST = Pattern.compile("^(\\S+) \\((\\S+)\\)$");
    private static final String NOT_COLLECTED = "Could not collect";

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
                facts.read(lines.get(i));
            } else if (!line.isEmpty()) {
                library(i + 1, line, pip, conda, listing);
            }
        }
        if (!libraries) {
            throw text.error(0, "expected a '" + LIBRARIES + "' section (PyTorch collect_env output)");
        }
        conda.forEach(row -> listing.add(row.record(), row.line()));
        boolean[] answered = new boolean[conda.size()];
        for (Listed p : pip) {
            if (!listedByConda(p.record(), conda, answered)) {
                listing.add(p.record(), p.line());
            }
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
     * Whether a conda row shows the same install: one of the same distribution (conda's {@code pytorch} is
     * pip's {@code torch}) at the same version. Each row stands for one install, so a row answers for at most
     * one pip line: seven {@code torch <pip>} rows and one pip line are still seven installs.
     */
    private static boolean listedByConda(InstalledPackage p, List<Listed> conda, boolean[] answered) {
        String distribution = PackageName.normalize(p.getName());
        for (int i = 0; i < conda.size(); i++) {
            InstalledPackage row = conda.get(i).record();
            String rowDistribution = row.getInstaller() == Installer.CONDA
                    ? NameMap.builtIn().pypiNameOfConda(row.getName()) : PackageName.normalize(row.getName());
            if (!answered[i] && rowDistribution.equals(distribution) && sameVersion(row.getVersion(), p.getVersion())) {
                answered[i] = true;
                return true;
            }
        }
        return false;
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
