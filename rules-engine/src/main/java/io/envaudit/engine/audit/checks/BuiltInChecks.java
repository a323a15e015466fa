package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Check;
import io.envaudit.engine.names.NameMap;

import java.util.List;
import java.util.Optional;

/**
 * The checks every audit runs unless a rule file's {@code checks:} section switches them off, in the
 * order of docs/rules.md: {@code pip-requirements}, {@code conda-depends}, {@code duplicate-distribution},
 * {@code channel-mix}, {@code pytorch-release-pairs}, {@code cuda-version-mix}, {@code pytorch-cuda-selector}. They
 * hold no state, so one instance serves every audit.
 */
public final class BuiltInChecks {
    private static final List<Check> ALL = List.of(
            new PipRequirementsCheck(),
            new CondaDependsCheck(NameMap.builtIn()),
            new DuplicateDistributionCheck(NameMap.builtIn()),
            new ChannelMixCheck(),
            new PytorchReleasePairsCheck(),
            new CudaVersionMixCheck(),
            new PytorchCudaSelectorCheck());
    private static final List<String> IDS = ALL.stream().map(Check::id).toList();

    private BuiltInChecks() {
    }

    public static List<Check> all() {
        return ALL;
    }

    /** The ids a {@code checks:} section may name. */
    public static List<String> ids() {
        return IDS;
    }

    public static Optional<Check> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
