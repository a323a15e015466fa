package io.envaudit.engine.rules;

import io.envaudit.schemas.Installer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a rule or waiver applies. Every part is optional and all given parts must hold:
 * {@code labels} (each key's value matches its glob), {@code hosts} (host id or hostname matches one glob),
 * {@code environments} (environment id, prefix or name matches one glob), {@code platform} (os, arch,
 * subdir globs). {@code installers} and {@code channels} do not select environments: they select which
 * installed packages a rule's {@code when} specs may match, so that a rule taken from PyPI wheel metadata
 * says which builds follow it ({@code installers: [pip]}, {@code channels: [pypi, defaults]}).
 */
public record Scope(Map<String, Glob> labels, List<Glob> hosts, List<Glob> environments, Map<String, Glob> platform,
                    Set<Installer> installers, Set<String> channels) {

    public static final Scope EVERYWHERE = new Scope(Map.of(), List.of(), List.of(), Map.of(), Set.of(), Set.of());

    /** The platform facts a scope may name. */
    public static final Set<String> PLATFORM_KEYS = Set.of("os", "arch", "subdir");

    public Scope {
        labels = Map.copyOf(labels);
        hosts = List.copyOf(hosts);
        environments = List.copyOf(environments);
        platform = Map.copyOf(platform);
        installers = Set.copyOf(installers);
        channels = Set.copyOf(channels);
    }

    /** True when the scope selects no environments: every environment is in it. */
    public boolean isEverywhere() {
        return labels.isEmpty() && hosts.isEmpty() && environments.isEmpty() && platform.isEmpty();
    }

    /** True when the scope restricts which packages may match. */
    public boolean selectsPackages() {
        return !installers.isEmpty() || !channels.isEmpty();
    }
}
