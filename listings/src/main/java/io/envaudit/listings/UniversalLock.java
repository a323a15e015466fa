package io.envaudit.listings;

import io.envaudit.engine.names.PackageName;
import io.envaudit.schemas.InstalledPackage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What uv.lock and poetry.lock have in common: they are universal, resolved once for every Python and
 * platform the project allows, with markers saying where each dependency applies. Such a lock fixes no
 * platform and no Python version (a {@code requires-python} range is not the interpreter), and a package
 * the resolver had to fork is locked at several versions, one per marker set: which one is installed
 * depends on the machine. Those are left out as unknown, and the snapshot is then marked partial, so that
 * a rule needing the package is undecided instead of broken; a package locked once is in the snapshot
 * wherever its markers would install it.
 */
final class UniversalLock {
    /** A {@code ==3.11.4} (or poetry's bare {@code 3.11.4}) constraint: the only one that names the interpreter. */
    private static final Pattern ONE_PYTHON = Pattern.compile("\\s*(?:={2,3})?\\s*(\\d+(?:\\.\\d+)*)\\s*");

    /**
     * A package as the lock gives it.
     *
     * @param markers the markers under which this version is the one locked, or null when the lock says none
     */
    record Locked(InstalledPackage record, int line, String markers) {
    }

    private UniversalLock() {
    }

    /** The packages locked once, in the lock's order; those locked at several versions are skipped and make the listing partial. */
    static void add(ListingBuilder listing, List<Locked> locked) {
        Map<String, List<Locked>> byName = new LinkedHashMap<>();
        for (Locked l : locked) {
            byName.computeIfAbsent(PackageName.normalize(l.record().getName()), k -> new ArrayList<>(1)).add(l);
        }
        for (List<Locked> versions : byName.values()) {
            if (versions.size() == 1) {
                listing.add(versions.get(0).record(), versions.get(0).line());
                continue;
            }
            String reason = "locked at " + versions.size() + " versions (" + versions.stream().map(UniversalLock::describe)
                    .collect(Collectors.joining("; ")) + "): which one is installed depends on the Python and platform, "
                    + "which a universal lock leaves open";
            for (Locked l : versions) {
                listing.skip(l.line(), "name = \"" + l.record().getName() + "\", version = \"" + l.record().getVersion() + "\"", reason);
            }
            listing.partial(true);
        }
    }

    /** The Python version a {@code requires-python} constraint pins, or null when it allows more than one. */
    static String pinnedPython(String constraint) {
        if (constraint == null) {
            return null;
        }
        Matcher pinned = ONE_PYTHON.matcher(constraint);
        return pinned.matches() ? pinned.group(1) : null;
    }

    private static String describe(Locked l) {
        return l.markers() == null ? l.record().getVersion() : l.record().getVersion() + " where " + l.markers();
    }
}
