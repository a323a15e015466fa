package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.conda.MatchSpec;

import java.util.ArrayList;
import java.util.List;

/** The package names a conda record's recorded {@code depends} entries name; an entry that does not parse names none. */
final class DependsNames {
    private DependsNames() {
    }

    static List<String> of(InstalledPackageView p) {
        List<String> names = new ArrayList<>(p.record().getDepends().size());
        for (String depends : p.record().getDepends()) {
            String name = of(depends);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** The name one depends entry names, or null when it does not parse (it then says nothing). */
    private static String of(String depends) {
        try {
            return MatchSpec.parse(depends).name();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
