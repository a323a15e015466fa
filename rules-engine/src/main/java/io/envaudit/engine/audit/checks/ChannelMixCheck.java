package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.names.Channel;
import io.envaudit.engine.rules.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * conda records from both {@code defaults} and {@code conda-forge} in one environment: the two channels
 * build against different compilers and library pins, so mixing them is a risk without certain breakage.
 * Only conda records of those two channels count (a blank {@code conda list} channel is defaults, which the
 * listing reader records as such); pip installs, other channels ({@code nvidia}, {@code pytorch},
 * {@code anaconda}) and records whose channel the snapshot does not say are left out.
 */
public final class ChannelMixCheck implements Check {
    public static final String ID = "channel-mix";
    private static final About ABOUT = new About(ID, Severity.WARNING,
            "conda packages from both defaults and conda-forge in one environment.");
    static final String SUBJECT = "channels";
    static final String CONDA_FORGE = "conda-forge";
    /** How many packages of each side a conflict names as offending; the explanation gives the counts, the fix names them all. */
    static final int LISTED_PER_CHANNEL = 5;

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void run(EnvironmentView environment, Severity severity, AuditSink sink) {
        List<InstalledPackageView> defaults = new ArrayList<>();
        List<InstalledPackageView> condaForge = new ArrayList<>();
        for (InstalledPackageView p : environment.packages()) {
            if (!p.isConda() || p.channel() == null) {
                continue;
            }
            if (p.channel().isDefaults()) {
                defaults.add(p);
            } else if (p.channel().name().equals(CONDA_FORGE)) {
                condaForge.add(p);
            }
        }
        if (defaults.isEmpty() || condaForge.isEmpty()) {
            return;
        }
        List<PackageRef> offending = Stream.concat(
                defaults.stream().limit(LISTED_PER_CHANNEL), condaForge.stream().limit(LISTED_PER_CHANNEL))
                .map(InstalledPackageView::ref).toList();
        String explanation = count(defaults.size()) + " from defaults and " + count(condaForge.size())
                + " from conda-forge in one environment; the channels build against different library versions.";
        boolean fewerFromDefaults = defaults.size() <= condaForge.size();
        List<InstalledPackageView> fewer = fewerFromDefaults ? defaults : condaForge;
        String to = fewerFromDefaults ? CONDA_FORGE : Channel.DEFAULTS;
        // every package, however many: a fix is pasted, and a command cut short reinstalls only part of the side
        List<String> names = fewer.stream().map(InstalledPackageView::name).distinct().toList();
        String fix = "conda config --env --set channel_priority strict; reinstall what came from "
                + (fewerFromDefaults ? Channel.DEFAULTS : CONDA_FORGE) + " from " + to + ": conda install --override-channels -c "
                + to + " " + String.join(" ", names);
        sink.conflict(new Conflict(ID, severity, SUBJECT, offending, explanation, fix, null));
    }

    private static String count(int n) {
        return n == 1 ? "1 conda package" : n + " conda packages";
    }
}
