package io.envaudit.engine.rules;

import java.util.List;
import java.util.Set;

/**
 * A compatibility rule. When every {@code when} spec matches an installed package (the first spec's
 * matches are the rule's subjects), every {@code require} spec must hold (its package installed, in
 * range) and no {@code forbid} spec may match; {@code sameChannel} names packages that must come from
 * one channel, and {@code channelMix} a channel that must not be mixed with others. A rule with no
 * {@code when} is a baseline: it applies to every environment in its scope.
 *
 * @param origin {@code builtin:<pack>@<version>} for the default pack, {@code user} otherwise
 * @param yaml   the rule's YAML as written, kept for display
 */
public record Rule(String id, String description, List<String> sources, Severity severity, Scope scope,
                   List<PackageSpec> when, List<PackageSpec> require, List<PackageSpec> forbid,
                   List<String> sameChannel, ChannelMix channelMix, String fix, String origin, String yaml) {

    /** Packages from {@code channel} must not be mixed with packages from any of {@code others}. */
    public record ChannelMix(String channel, Set<String> others) {
        public ChannelMix {
            others = Set.copyOf(others);
        }
    }

    public Rule {
        sources = List.copyOf(sources);
        when = List.copyOf(when);
        require = List.copyOf(require);
        forbid = List.copyOf(forbid);
        sameChannel = List.copyOf(sameChannel);
    }
}
