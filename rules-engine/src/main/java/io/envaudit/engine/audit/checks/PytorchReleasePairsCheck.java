package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.audit.checks.PytorchReleases.Cell;
import io.envaudit.engine.audit.checks.PytorchReleases.Pair;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.rules.Severity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * torchvision and torchaudio beside a torch they were not released with. Their binaries contain C++
 * operators linked against one torch release ("TorchAudio and PyTorch from different releases cannot be used
 * together"), and their release wheels pin it exactly ({@code torch==2.4.1} for torchvision 0.19.1), so PyTorch
 * publishes which releases go together ({@link PytorchReleases}). Names are distributions, so conda's
 * {@code pytorch} is torch, and versions are compared without their local label ({@code 2.0.1+cu118} is 2.0.1).
 *
 * <p>What is judged: a torch of another minor than the library's row is a conflict for every build; a torch
 * of the right minor but another patch is one for pip installs only, whose wheels carry the exact pin (conda
 * builds state their own pins, which a listing may not show). A conda record whose depends name torch is
 * left to them (the {@code conda-depends} check): a conda record is judged by its own metadata. Pre-releases:
 * a nightly library beside a final torch is judged by minor, since the nightlies of a minor were built against
 * that minor's torch nightlies; two nightlies are not judged, since nightlies pair by build date and torch's
 * nightly versions do not follow the table (1.14.0.dev nightlies became 2.0). Where torch or the library is
 * installed more than once, the install Python imports is judged, pip's over conda's; several of one kind are
 * left to the {@code duplicate-distribution} check. A library release the tables do not know is not judged.
 */
public final class PytorchReleasePairsCheck implements Check {
    public static final String ID = "pytorch-release-pairs";
    private static final About ABOUT = new About(ID, Severity.ERROR,
            "torchvision or torchaudio beside a torch of another release than PyTorch's compatibility tables pair it with.");
    private static final String TORCH = "torch";

    private final PytorchReleases table = PytorchReleases.table();

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void run(EnvironmentView environment, Severity severity, AuditSink sink) {
        InstalledPackageView torch = imported(environment.distribution(TORCH));
        Pep440Version torchVersion = torch == null ? null : Pep440Version.tryParse(torch.record().getVersion());
        if (torchVersion == null) {
            return;
        }
        for (String library : List.of(PytorchReleases.TORCHVISION, PytorchReleases.TORCHAUDIO)) {
            InstalledPackageView installed = imported(environment.distribution(library));
            if (installed == null || dependsOnTorch(installed, environment)) {
                continue;
            }
            Pep440Version version = Pep440Version.tryParse(installed.record().getVersion());
            String problem = version == null ? null : problem(library, installed, version, torch, torchVersion);
            if (problem != null) {
                sink.conflict(new Conflict(ID, severity, library, List.of(installed.ref(), torch.ref()), problem,
                        fix(library, installed, torch, torchVersion), null));
            }
        }
    }

    /** What is wrong with this library release beside this torch, or null when nothing is known to be. */
    private String problem(String library, InstalledPackageView installed, Pep440Version version,
                           InstalledPackageView torch, Pep440Version torchVersion) {
        if (version.isPrerelease()) {
            if (torchVersion.isPrerelease()) {
                return null;
            }
            List<Pair> rows = table.forMinor(library, version);
            if (rows.isEmpty() || rows.stream().anyMatch(p -> p.torch().sameMinor(torchVersion))) {
                return null;
            }
            return installed + " is a pre-release of " + library + " " + rows.get(0).library().minorText()
                    + ", which was built against torch " + minors(rows) + " (PyTorch's compatibility table), but " + torch
                    + " is installed: its compiled operators are linked against another torch release.";
        }
        List<Pair> rows = table.forRelease(library, version);
        if (rows.isEmpty()) {
            return null;
        }
        if (rows.stream().noneMatch(p -> p.torch().sameMinor(torchVersion))) {
            return installed + " is built against torch " + releases(rows) + " (PyTorch's compatibility table), but " + torch
                    + " is installed: its compiled operators are linked against another torch release and do not load.";
        }
        boolean exactPin = !installed.isConda() && !torchVersion.isPrerelease()
                && rows.stream().allMatch(p -> !p.library().wholeMinor() && !p.torch().wholeMinor());
        if (exactPin && rows.stream().noneMatch(p -> p.torch().admits(torchVersion))) {
            return installed + " requires torch==" + releases(rows) + ", but you have " + torch
                    + ": its wheels pin the torch release they were built with (PyTorch's compatibility table).";
        }
        return null;
    }

    private String fix(String library, InstalledPackageView installed, InstalledPackageView torch, Pep440Version torchVersion) {
        List<Cell> paired = table.libraryFor(library, torchVersion.publicVersion());
        if (paired.isEmpty()) {
            return "install the " + library + " release PyTorch's compatibility table pairs with torch " + torch.record().getVersion()
                    + ", or the torch release of " + installed;
        }
        String release = paired.get(0).text();
        if (installed.isConda()) {
            return "conda install " + library + "=" + release;
        }
        String pin = SubjectFindings.shellQuoted(library + "==" + release);
        return "pip install " + pin + (torchVersion.hasLocal() ? " from the package index torch " + torch.record().getVersion()
                + " came from" : "");
    }

    /** The one install Python imports: pip's over conda's; null when there is none, or several of one kind. */
    private static InstalledPackageView imported(List<InstalledPackageView> installs) {
        List<InstalledPackageView> pip = installs.stream().filter(p -> !p.isConda()).toList();
        List<InstalledPackageView> chosen = pip.isEmpty() ? installs : pip;
        return chosen.size() == 1 ? chosen.get(0) : null;
    }

    /** A conda record whose recorded depends name torch states its own pairing. */
    private static boolean dependsOnTorch(InstalledPackageView p, EnvironmentView environment) {
        return p.isConda() && DependsNames.of(p).stream().anyMatch(name -> environment.distributionOfConda(name).equals(TORCH));
    }

    private static String releases(List<Pair> rows) {
        Set<String> texts = new LinkedHashSet<>();
        rows.forEach(p -> texts.add(p.torch().text()));
        return String.join(" or ", texts);
    }

    private static String minors(List<Pair> rows) {
        Set<String> texts = new LinkedHashSet<>();
        rows.forEach(p -> texts.add(p.torch().minorText()));
        return String.join(" or ", texts);
    }
}
