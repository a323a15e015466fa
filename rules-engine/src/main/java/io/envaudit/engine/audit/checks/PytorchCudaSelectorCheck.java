package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.rules.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pytorch channel's CUDA selector ({@code cuda80}, {@code cuda90}, {@code cuda92}, {@code cuda100} ...: the install
 * commands of 2017-2018 said {@code conda install pytorch torchvision cuda92 -c pytorch}) beside that channel's
 * pytorch, torchvision or torchaudio builds for another CUDA release or for the CPU. A selector is a metapackage whose
 * recipe holds nothing but {@code track_features: [cuda92]} (pytorch/builder {@code conda/cuda92/meta.yaml}): it
 * states which CUDA variant the environment was set up for by weighting conda's choice of builds, the role
 * {@code pytorch-mutex} took over (pytorch/builder PR 823). The builds' CUDA release is read from their build strings
 * ({@link PytorchChannelVariant}).
 *
 * <p>A warning by default, whatever the two releases: the selector installs no library, so no binary fails to load
 * for its sake (the builds bring or depend on their own CUDA runtime), and nothing declares a requirement on it. What
 * is wrong is that the environment is not the variant it says it is, and that conda keeps weighting the next install
 * towards the selected builds. This differs from {@code cuda-version-mix}, where {@code cuda-version} constrains real
 * CUDA libraries and another major means missing sonames.
 */
public final class PytorchCudaSelectorCheck implements Check {
    public static final String ID = "pytorch-cuda-selector";
    private static final About ABOUT = new About(ID, Severity.WARNING,
            "the pytorch channel's cudaXY selector beside that channel's pytorch, torchvision or torchaudio builds for another CUDA release or for the CPU.");
    private static final Pattern SELECTOR = Pattern.compile("cuda(\\d{2,3})");
    private static final String PYTORCH_CHANNEL = "pytorch";
    /** The stack's conda names; until 1.0 the channel's CPU builds were separate packages, pytorch-cpu and torchvision-cpu. */
    private static final List<String> BUILDS = List.of("pytorch", "pytorch-cpu", "torchvision", "torchvision-cpu", "torchaudio");
    private static final String CPU_PACKAGE = "-cpu";

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void run(EnvironmentView environment, Severity severity, AuditSink sink) {
        for (InstalledPackageView selector : environment.packages()) {
            Optional<PytorchChannelVariant> selected = selected(selector);
            if (selected.isEmpty()) {
                continue;
            }
            List<InstalledPackageView> others = new ArrayList<>();
            for (String name : BUILDS) {
                for (InstalledPackageView build : environment.condaPackages(name)) {
                    if (PytorchChannelVariant.of(build).filter(v -> !v.equals(selected.get())).isPresent()) {
                        others.add(build);
                    }
                }
            }
            if (others.isEmpty()) {
                continue;
            }
            List<PackageRef> offending = new ArrayList<>();
            offending.add(selector.ref());
            others.forEach(p -> offending.add(p.ref()));
            sink.conflict(new Conflict(ID, severity, selector.name(), offending, explanation(selector, selected.get(), others),
                    fix(selector, others), null));
        }
    }

    /**
     * The CUDA release a conda record selects when it is a selector: named {@code cuda} and the release's digits, from
     * the pytorch channel or from a channel the snapshot does not say (the names are the pytorch channel's).
     */
    private static Optional<PytorchChannelVariant> selected(InstalledPackageView p) {
        if (!p.isConda() || (p.channel() != null && !p.channel().name().equals(PYTORCH_CHANNEL))) {
            return Optional.empty();
        }
        Matcher name = SELECTOR.matcher(p.condaName());
        return name.matches() ? Optional.of(PytorchChannelVariant.ofDigits(name.group(1))) : Optional.empty();
    }

    private static String explanation(InstalledPackageView selector, PytorchChannelVariant selected, List<InstalledPackageView> others) {
        List<String> builds = new ArrayList<>();
        for (InstalledPackageView p : others) {
            builds.add(p + " (" + p.record().getBuild() + ") is " + PytorchChannelVariant.of(p).orElseThrow().describe());
        }
        return selector + " is the pytorch channel's selector of its CUDA " + selected.cuda() + " builds, but "
                + String.join(", ", builds) + ". The selector installs no files, only the track_features conda weighs when "
                + "it chooses builds, so nothing fails to load for it; but the environment is not the CUDA variant it was set up "
                + "for, and the next conda install in it is weighted towards the selected builds.";
    }

    private static String fix(InstalledPackageView selector, List<InstalledPackageView> others) {
        Set<String> installs = new LinkedHashSet<>();
        for (InstalledPackageView p : others) {
            String name = p.condaName();
            // the CUDA builds of pytorch-cpu and torchvision-cpu are the packages without the suffix
            installs.add((name.endsWith(CPU_PACKAGE) ? name.substring(0, name.length() - CPU_PACKAGE.length()) : name) + "="
                    + p.record().getVersion());
        }
        return "conda install -c pytorch " + selector.name() + " " + String.join(" ", installs) + " to take the builds it selects, "
                + "or conda remove " + selector.name() + " to keep the ones installed";
    }
}
