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
        // Indexed loops throughout: an audit runs this for every candidate rule, and iterators are garbage.
        List<InstalledPackageView> subjects = List.of();
        Undecided undecided = null;
        boolean unmatched = false;
        List<PackageSpec> when = rule.when();
        for (int i = 0; i < when.size(); i++) {
            PackageSpec spec = when.get(i);
            Found found = find(rule, spec, environment, true);
            if (!found.any()) {
                if (found.unknown == null) {
                    if (surelyMatchesNothing(spec, environment)) {
                        return; // the rule does not apply, whatever the other specs leave open
                    }
                    unmatched = true;
                } else if (undecided == null) {
                    undecided = new Undecided(rule.id(), spec.name(), found.unknown);
                }
            } else if (i == 0) {
                subjects = found.matches;
            }
        }
        if (undecided != null) {
            sink.undecided(undecided);
            return;
        }
        if (unmatched) {
            return; // a package a partial listing does not show: as ever, a `when` on it does not apply
        }
        if (subjects.isEmpty()) {
            check(rule, null, environment, sink);
        } else {
            for (int i = 0; i < subjects.size(); i++) {
                check(rule, subjects.get(i), environment, sink);
            }
        }
    }

    /**
     * Whether a spec that found no match surely has none: a package a partial listing does not show may be installed,
     * so its absence settles nothing that another spec leaves open.
     */
    private static boolean surelyMatchesNothing(PackageSpec spec, EnvironmentView environment) {
        return !environment.partial() || environment.isVirtualPresent(spec) || !environment.candidates(spec).isEmpty();
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
                case YES -> VIRTUAL_MATCH;
                case NO -> NOTHING;
                case UNKNOWN -> new Found(List.of(), false, match.reason());
            };
        }
        List<InstalledPackageView> matches = List.of();
        String unknown = null;
        List<InstalledPackageView> candidates = environment.candidates(spec);
        for (int i = 0; i < candidates.size(); i++) {
            InstalledPackageView p = candidates.get(i);
            if (asWhen && !ScopeCheck.admits(rule.scope(), p)) {
                // the channel matters only to a package the spec could match: one outside its versions is no subject anywhere
                if (ScopeCheck.channelUnknown(rule.scope(), p) && !environment.matches(spec, p).no()) {
                    unknown = EnvironmentView.unknownChannel(p) + ", and the rule judges builds from "
                            + String.join(", ", new TreeSet<>(rule.scope().channels()));
                }
                continue;
            }
            Match match = environment.matches(spec, p);
            if (match.yes()) {
                if (matches.isEmpty()) {
                    matches = new ArrayList<>(1);
                }
                matches.add(p);
            } else if (match.unknown()) {
                unknown = match.reason();
            }
        }
        if (matches.isEmpty()) {
            return unknown == null ? NOTHING : new Found(List.of(), false, unknown);
        }
        return new Found(matches, false, null);
    }

    private static final Found NOTHING = new Found(List.of(), false, null);
    private static final Found VIRTUAL_MATCH = new Found(List.of(), true, null);

    /** What one subject broke, collected lazily: most rules find nothing, and then allocate nothing. */
    private static final class Findings {
        private Set<PackageRef> offending;
        private List<String> problems;
        private List<String> undecided;

        void offending(PackageRef ref) {
            if (offending == null) {
                offending = new LinkedHashSet<>();
            }
            offending.add(ref);
        }

        void problem(String problem) {
            if (problems == null) {
                problems = new ArrayList<>(2);
            }
            problems.add(problem);
        }

        void undecided(String reason) {
            if (undecided == null) {
                undecided = new ArrayList<>(1);
            }
            undecided.add(reason);
        }
    }

    /** Everything the rule asks of one subject (null: a rule with no package subject), as one conflict. */
    private static void check(Rule rule, InstalledPackageView subject, EnvironmentView environment, AuditSink sink) {
        Findings findings = new Findings();
        List<PackageSpec> require = rule.require();
        for (int i = 0; i < require.size(); i++) {
            PackageSpec required = require.get(i);
            if (subject != null && judgedByOwnDepends(subject, required, environment)) {
                continue;
            }
            requireOne(required, subject, environment, findings);
        }
        List<PackageSpec> forbid = rule.forbid();
        for (int f = 0; f < forbid.size(); f++) {
            PackageSpec forbidden = forbid.get(f);
            Found found = find(rule, forbidden, environment, false);
            if (found.virtualMatch) {
                findings.problem(who(subject) + " cannot run with " + forbidden.text() + " (" + virtualDescription(forbidden, environment) + ")");
            }
            for (InstalledPackageView p : found.matches) {
                findings.offending(p.ref());
                findings.problem(forbiddenInstalled(p, subject, forbidden));
            }
            if (!found.any() && found.unknown != null) {
                findings.undecided(found.unknown);
            }
        }
        sameChannel(rule, environment, findings);
        channelMix(rule, environment, findings);
        String subjectName = subject != null ? subject.name() : defaultSubject(rule);
        if (findings.problems != null) {
            if (subject != null) {
                findings.offending(subject.ref());
            }
            sink.conflict(new Conflict(rule.id(), rule.severity(), subjectName, new ArrayList<>(findings.offending == null
                    ? Set.of() : findings.offending), String.join("; ", findings.problems) + ".", rule.fix(), null));
        } else if (findings.undecided != null) {
            sink.undecided(new Undecided(rule.id(), subjectName, String.join("; ", findings.undecided)));
        }
    }

    /**
     * A forbid spec names what must not be installed, often as the complement of what works ({@code cudatoolkit <11.0|>=11.1}
     * beside a build for 11.0), so the message says the spec is ruled out: printed bare after the package, it reads as a
     * range the package needs.
     */
    private static String forbiddenInstalled(InstalledPackageView installed, InstalledPackageView subject, PackageSpec forbidden) {
        return subject != null && subject != installed
                ? installed + " is installed beside " + who(subject) + ", which rules out " + forbidden.text()
                : installed + " is installed, and the rule forbids " + forbidden.text();
    }

    /** How messages name the subject; made only when there is something to say. */
    private static String who(InstalledPackageView subject) {
        return subject != null ? subject.name() + " " + subject.record().getVersion() : "this environment";
    }

    /**
     * A requirement with a marker applies where the marker holds (PEP 508): met when the marker is false or an install
     * is in range, whatever the other; unmet only when the marker holds and no install is in range.
     */
    private static void requireOne(PackageSpec required, InstalledPackageView subject, EnvironmentView environment,
                                   Findings findings) {
        Match applies = environment.markerHolds(required);
        if (applies.no()) {
            return;
        }
        if (environment.isVirtualPresent(required)) {
            Match match = environment.matchesVirtualIgnoringMarker(required);
            if (match.unknown() || (match.no() && applies.unknown())) {
                findings.undecided((match.unknown() ? match : applies).reason());
            } else if (match.no()) {
                findings.problem(who(subject) + " requires " + required.text() + ", but " + virtualDescription(required, environment));
            }
            return;
        }
        List<InstalledPackageView> installed = environment.candidates(required);
        if (installed.isEmpty()) {
            if (environment.partial()) {
                findings.undecided(required.name() + " is not in this partial listing");
            } else if (applies.unknown()) {
                findings.undecided(applies.reason());
            } else {
                findings.problem(who(subject) + " requires " + required.name() + ", which is not installed");
            }
            return;
        }
        String unknown = null;
        for (int i = 0; i < installed.size(); i++) {
            InstalledPackageView p = installed.get(i);
            Match match = environment.matchesIgnoringMarker(required, p);
            if (match.yes()) {
                return; // one install in range satisfies the requirement, whatever the others
            }
            if (match.unknown() && unknown == null) {
                unknown = match.reason();
            }
        }
        if (unknown != null) {
            findings.undecided(unknown);
            return;
        }
        if (applies.unknown()) {
            findings.undecided(applies.reason());
            return;
        }
        installed.forEach(p -> findings.offending(p.ref()));
        findings.problem(who(subject) + " has requirement " + required.text() + ", but you have "
                + String.join(" and ", installed.stream().map(InstalledPackageView::toString).toList()));
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
                MatchSpec spec = ParseCache.MATCH_SPECS.get(depends);
                if (spec.name() != null && environment.distributionOfConda(spec.name()).equals(required.name())) {
                    return true;
                }
            } catch (InvalidSpecException unreadable) {
                // a depends entry we cannot read says nothing about this requirement
            }
        }
        return false;
    }

    private static void sameChannel(Rule rule, EnvironmentView environment, Findings findings) {
        if (rule.sameChannel().isEmpty()) {
            return;
        }
        List<InstalledPackageView> conda = new ArrayList<>();
        List<InstalledPackageView> unknown = new ArrayList<>();
        Set<String> channels = new TreeSet<>();
        for (String name : rule.sameChannel()) {
            for (InstalledPackageView p : environment.distribution(PackageName.normalize(name))) {
                if (p.isConda() && p.channel() == null) {
                    unknown.add(p);
                } else if (p.isConda()) {
                    conda.add(p);
                    channels.add(p.channel().toString());
                }
            }
        }
        if (channels.size() > 1) {
            conda.forEach(p -> findings.offending(p.ref()));
            findings.problem(String.join(" and ", rule.sameChannel()) + " come from different channels ("
                    + String.join(", ", conda.stream().map(p -> p.name() + " from " + p.channel()).toList()) + ")");
        } else if (!unknown.isEmpty() && conda.size() + unknown.size() > 1) {
            findings.undecided(unknownChannels(unknown));
        }
    }

    private static String unknownChannels(List<InstalledPackageView> unknown) {
        return String.join("; ", unknown.stream().map(EnvironmentView::unknownChannel).toList());
    }

    private static void channelMix(Rule rule, EnvironmentView environment, Findings findings) {
        Rule.ChannelMix mix = rule.channelMix();
        if (mix == null) {
            return;
        }
        List<InstalledPackageView> from = new ArrayList<>();
        List<InstalledPackageView> others = new ArrayList<>();
        List<InstalledPackageView> unknown = new ArrayList<>();
        for (InstalledPackageView p : environment.packages()) {
            if (!p.isConda()) {
                continue;
            }
            if (p.channel() == null) {
                unknown.add(p);
            } else if (p.channel().name().equals(mix.channel())) {
                from.add(p);
            } else if (mix.others().contains(p.channel().name())) {
                others.add(p);
            }
        }
        if (!from.isEmpty() && !others.isEmpty()) {
            from.forEach(p -> findings.offending(p.ref()));
            findings.problem(from.size() + " package(s) from " + mix.channel() + " (" + String.join(", ", from.stream().limit(5)
                    .map(InstalledPackageView::toString).toList()) + ") beside " + others.size() + " from "
                    + String.join("/", new TreeSet<>(mix.others())));
        } else if (!unknown.isEmpty() && (!from.isEmpty() || !others.isEmpty())) {
            // a package of unknown channel may be on either side of the mix
            findings.undecided(unknownChannels(unknown.subList(0, Math.min(unknown.size(), 5))));
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
        return environment.virtualPackage(spec.name()).map(v -> EnvironmentView.describeVirtual(spec.name()) + " is " + v)
                .orElse(EnvironmentView.describeVirtual(spec.name()) + " is not known");
    }
}
