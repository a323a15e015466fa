package io.envaudit.engine.audit;

import io.envaudit.engine.rules.Glob;
import io.envaudit.engine.rules.Scope;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Platform;

import java.util.Map;

/** Whether an environment is within a scope, and whether a package may be matched under it. */
final class ScopeCheck {
    private ScopeCheck() {
    }

    static boolean covers(Scope scope, EnvironmentSnapshot snapshot) {
        if (scope.isEverywhere()) {
            return true;
        }
        for (Map.Entry<String, Glob> label : scope.labels().entrySet()) {
            if (!label.getValue().matches(snapshot.getHost().getLabels().get(label.getKey()))) {
                return false;
            }
        }
        if (!scope.hosts().isEmpty() && scope.hosts().stream().noneMatch(
                g -> g.matches(snapshot.getHost().getId()) || g.matches(snapshot.getHost().getHostname()))) {
            return false;
        }
        var environment = snapshot.getEnvironment();
        if (!scope.environments().isEmpty() && scope.environments().stream().noneMatch(
                g -> g.matches(environment.getId()) || g.matches(environment.getPrefix()) || g.matches(environment.getName()))) {
            return false;
        }
        Platform platform = snapshot.getPlatform();
        for (Map.Entry<String, Glob> fact : scope.platform().entrySet()) {
            String value = switch (fact.getKey()) {
                case "os" -> platform.getOs();
                case "arch" -> platform.getArch();
                default -> platform.getSubdir();
            };
            if (!fact.getValue().matches(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A rule's installers and channels select which packages its {@code when} specs may match. A package
     * whose channel is unknown is not admitted by a scope that names channels ({@link #channelUnknown}).
     */
    static boolean admits(Scope scope, InstalledPackageView p) {
        if (!scope.selectsPackages()) {
            return true;
        }
        if (!scope.installers().isEmpty() && !scope.installers().contains(p.record().getInstaller())) {
            return false;
        }
        return scope.channels().isEmpty() || p.channel() != null && (scope.channels().contains(p.channel().name())
                || scope.channels().contains(p.channel().toString()));
    }

    /** Whether a package would be admitted but for its channel, which the snapshot does not say. */
    static boolean channelUnknown(Scope scope, InstalledPackageView p) {
        return p.channel() == null && !scope.channels().isEmpty()
                && (scope.installers().isEmpty() || scope.installers().contains(p.record().getInstaller()));
    }
}
