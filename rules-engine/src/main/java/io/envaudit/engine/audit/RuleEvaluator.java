package io.envaudit.engine.audit;

import io.envaudit.engine.conda.MatchSpec;
import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.rules.PackageSpec;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.version.InvalidSpecException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides one rule for one environment, as docs/rules.md describes: scope, then the {@code when}
 * specs (the first one's matches are the subjects), then for each subject the {@code require},
 * {@code forbid}, {@code same_channel} and {@code channel_mix} parts, everything broken for one subject
 * making one conflict. Whatever cannot be decided is reported as undecided, never as a conflict.
 */
final class RuleEvaluator {
    private RuleEvaluator() {
    }

    static void evaluate(Rule rule, EnvironmentView environment, AuditSink sink) {
        if (!ScopeCheck.covers(rule.scope(), environment.snapshot())) {
            return;
        }
        List<InstalledPackageView> subjects = new ArrayList<>();
        for (int i = 0; i < rule.when().size(); i++) {
            PackageSpec spec = rule.when().get(i);
            Found found = find(rule, spec, environment, true);
            if (!found.any()) {
                if (found.unknown != null) {
                    sink.undecided(new Undecided(rule.id(), spec.name(), found.unknown));
                }
                return;
            }
            if (i == 0) {
                subjects.addAll(found.matches);
            }
        }
        if (subjects.isEmpty()) {
            check(rule, null, environment, sink);
        } else {
            for (InstalledPackageView subject : subjects) {
                check(rule, subject, environment, sink);
            }
        }
    }

    /** The packages matching a spec, or why none could be decided. Virtual specs match the platform. */
    private record Found(List<InstalledPackageView> matches, boolean virtualMatch, String unknown) {
        boolean any() {
            return virtualMatch || !matches.isEmpty();
        }
    }

    private static Found find(Rule rule, PackageSpec spec, EnvironmentView environment, boolean asWhen) {
        if (environment.isVirtualPresent(spec)) {
            Match match = environment.matchesVirtual(spec);
            return switch (match.kind()) {
                case YES -> new Found(List.of(), true, null);
                case NO -> new Found(List.of(), false, null);
                case UNKNOWN -> new Found(List.of(), false, match.reason());
            };
        }
        List<InstalledPackageView> matches = new ArrayList<>();
        String unknown = null;
        for (InstalledPackageView p : environment.candidates(spec)) {
            if (asWhen && !ScopeCheck.admits(rule.scope(), p)) {
                continue;
            }
            Match match = environment.matches(spec, p);
            if (match.yes()) {
                matches.add(p);
            } else if (match.unknown()) {
                unknown = match.reason();
            }
        }
        return new Found(matches, false, matches.isEmpty() ? unknown : null);
    }

    /** Everything the rule asks of one subject (null: a rule with no package subject), as one conflict. */
    private static void check(Rule rule, InstalledPackageView subject, EnvironmentView environment, AuditSink sink) {
        Set<PackageRef> offending = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        String subjectName = subject != null ? subject.name() : defaultSubject(rule);
        String who = subject != null ? subject.name() + " " + subject.record().getVersion() : "this environment";
        for (PackageSpec required : rule.require()) {
            if (subject != null && judgedByOwnDepends(subject, required, environment)) {
                continue;
            }
            requireOne(rule, required, who, environment, offending, problems, undecided);
        }
        for (PackageSpec forbidden : rule.forbid()) {
            Found found = find(rule, forbidden, environment, false);
            if (found.virtualMatch) {
                problems.add(who + " cannot run with " + forbidden.text() + " (" + virtualDescription(forbidden, environment) + ")");
            }
            for (InstalledPackageView p : found.matches) {
                offending.add(p.ref());
                problems.add(p + " is installed, which " + (subject != null ? who + " cannot use" : "this rule forbids")
                        + " (" + forbidden.text() + ")");
            }
            if (!found.any() && found.unknown != null) {
                undecided.add(found.unknown);
            }
        }
        sameChannel(rule, environment, offending, problems);
        channelMix(rule, environment, offending, problems);
        if (subject != null && !problems.isEmpty()) {
            offending.add(subject.ref());
        }
        if (!problems.isEmpty()) {
            sink.conflict(new Conflict(rule.id(), rule.severity(), subjectName, new ArrayList<>(offending),
                    String.join("; ", problems) + ".", rule.fix(), null));
        } else if (!undecided.isEmpty()) {
            sink.undecided(new Undecided(rule.id(), subjectName, String.join("; ", undecided)));
        }
    }

    private static void requireOne(Rule rule, PackageSpec required, String who, EnvironmentView environment,
                                   Set<PackageRef> offending, List<String> problems, List<String> undecided) {
        if (environment.isVirtualPresent(required)) {
            Match match = environment.matchesVirtual(required);
            switch (match.kind()) {
                case NO -> problems.add(who + " requires " + required.text() + ", but " + virtualDescription(required, environment));
                case UNKNOWN -> undecided.add(match.reason());
                default -> { }
            }
            return;
        }
        List<InstalledPackageView> installed = environment.candidates(required);
        if (installed.isEmpty()) {
            if (environment.partial()) {
                undecided.add(required.name() + " is not in this partial listing");
            } else {
                problems.add(who + " requires " + required.name() + ", which is not installed");
            }
            return;
        }
        List<InstalledPackageView> outside = new ArrayList<>();
        for (InstalledPackageView p : installed) {
            Match match = environment.matches(required, p);
            if (match.yes()) {
                return; // one install in range satisfies the requirement
            }
            if (match.unknown()) {
                undecided.add(match.reason());
                return;
            }
            outside.add(p);
        }
        for (InstalledPackageView p : outside) {
            offending.add(p.ref());
        }
        problems.add(who + " has requirement " + required.text() + ", but you have "
                + String.join(" and ", outside.stream().map(InstalledPackageView::toString).toList()));
    }

    /**
     * A conda record is judged by its own recorded metadata: when its depends name the required package,
     * a rule (typically taken from PyPI wheel metadata) leaves that requirement to them.
     */
    private static boolean judgedByOwnDepends(InstalledPackageView subject, PackageSpec required, EnvironmentView environment) {
        if (!subject.isConda() || subject.record().getDepends().isEmpty()) {
            return false;
        }
        for (String depends : subject.record().getDepends()) {
            try {
                MatchSpec spec = MatchSpec.parse(depends);
                if (spec.name() != null && environment.distributionOfConda(spec.name()).equals(required.name())) {
                    return true;
                }
            } catch (InvalidSpecException unreadable) {
                // a depends entry we cannot read says nothing about this requirement
            }
        }
        return false;
    }

    private static void sameChannel(Rule rule, EnvironmentView environment, Set<PackageRef> offending, List<String> problems) {
        if (rule.sameChannel().isEmpty()) {
            return;
        }
        List<InstalledPackageView> conda = new ArrayList<>();
        Set<String> channels = new TreeSet<>();
        for (String name : rule.sameChannel()) {
            for (InstalledPackageView p : environment.distribution(PackageName.normalize(name))) {
                if (p.isConda()) {
                    conda.add(p);
                    channels.add(p.channel().toString());
                }
            }
        }
        if (channels.size() > 1) {
            conda.forEach(p -> offending.add(p.ref()));
            problems.add(String.join(" and ", rule.sameChannel()) + " come from different channels ("
                    + String.join(", ", conda.stream().map(p -> p.name() + " from " + p.channel()).toList()) + ")");
        }
    }

    private static void channelMix(Rule rule, EnvironmentView environment, Set<PackageRef> offending, List<String> problems) {
        Rule.ChannelMix mix = rule.channelMix();
        if (mix == null) {
            return;
        }
        List<InstalledPackageView> from = new ArrayList<>();
        List<InstalledPackageView> others = new ArrayList<>();
        for (InstalledPackageView p : environment.packages()) {
            if (!p.isConda()) {
                continue;
            }
            if (p.channel().name().equals(mix.channel())) {
                from.add(p);
            } else if (mix.others().contains(p.channel().name())) {
                others.add(p);
            }
        }
        if (!from.isEmpty() && !others.isEmpty()) {
            from.forEach(p -> offending.add(p.ref()));
            problems.add(from.size() + " package(s) from " + mix.channel() + " (" + String.join(", ", from.stream().limit(5)
                    .map(InstalledPackageView::toString).toList()) + ") beside " + others.size() + " from "
                    + String.join("/", new TreeSet<>(mix.others())));
        }
    }

    private static String defaultSubject(Rule rule) {
        if (!rule.require().isEmpty()) {
            return rule.require().get(0).name();
        }
        if (!rule.forbid().isEmpty()) {
            return rule.forbid().get(0).name();
        }
        if (rule.channelMix() != null) {
            return "channel:" + rule.channelMix().channel();
        }
        return String.join("+", rule.sameChannel());
    }

    private static String virtualDescription(PackageSpec spec, EnvironmentView environment) {
        return environment.virtual(spec.name()).map(v -> EnvironmentView.describeVirtual(spec.name()) + " is " + v)
                .orElse(EnvironmentView.describeVirtual(spec.name()) + " is not known");
    }
}
