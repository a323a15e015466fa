package io.envaudit.listings;

import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.pep508.Marker;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import io.envaudit.schemas.InstalledPackage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One requirement line of {@code pip freeze} or a pinned requirements file, comments and continuations
 * already removed ({@link PipFreezeParser}). What pip freeze writes: {@code name==version} ({@code ===} for a
 * version that is not PEP 440), {@code name @ URL} for a direct reference, and {@code -e URL#egg=name} or
 * {@code -e PATH} for an editable install, which pip precedes with a comment giving {@code name==version}
 * when it knows them. A hand-written file adds extras, markers, {@code --hash} options and looser
 * specifiers; and environment.yml files write {@code name=version} where pip means {@code ==}.
 *
 * <p>A package needs a version in the snapshot, so a line pinning none (a range, a bare name, a direct
 * reference to a folder or a VCS commit) is unreadable here: the caller reports it as skipped. So is a line pip
 * itself rejects, which would otherwise become a package pip never installed ({@code numpy=>1.2} read as numpy
 * {@code >1.2}).
 */
final class PipRequirementLine {
    /** PEP 508's name, then optional extras, then the rest. */
    private static final Pattern REQUIREMENT = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[^\\]]*\\])?\\s*(.*)");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)");

    /** The name and version pip wrote in the comment before an editable line. */
    record EditableHint(String name, String version) {
    }

    private PipRequirementLine() {
    }

    /**
     * A line as pip reads it: what pip rejects ({@code pandas=1.5}, {@code numpy=>1.2}, a version after {@code ==}
     * that is not PEP 440, a marker that does not parse) is unreadable.
     *
     * @param hint what the comment before this line said of an editable install, or null
     * @return the package, or null for an option line ({@code --index-url}, {@code --pre}, ...) that names none
     */
    static InstalledPackage read(String line, EditableHint hint) throws UnreadableLine {
        return read(line, hint, false);
    }

    /**
     * A line of an environment.yml's {@code pip:} list, where {@code name=version} is also read as the pin it means
     * (such files are written by hand, and conda's own specs pin with one {@code =}).
     */
    static InstalledPackage readFromEnvironmentFile(String line) throws UnreadableLine {
        return read(line, null, true);
    }

    private static InstalledPackage read(String line, EditableHint hint, boolean singleEquals) throws UnreadableLine {
        if (line.startsWith("-e ") || line.startsWith("--editable")) {
            return editable(line.substring(line.startsWith("-e") ? 2 : "--editable".length()).replaceFirst("^[\\s=]+", ""), hint);
        }
        if (line.startsWith("-r") || line.startsWith("-c") || line.startsWith("--requirement") || line.startsWith("--constraint")) {
            throw new UnreadableLine("refers to another requirements file, which is not read");
        }
        if (line.startsWith("-")) {
            return null; // an index, a find-links folder or an install option: no package
        }
        Matcher m = REQUIREMENT.matcher(line);
        if (!m.matches()) {
            throw new UnreadableLine("expected a requirement: name==version, name @ URL or -e");
        }
        String name = m.group(1);
        String rest = withoutOptions(m.group(3)).strip();
        if (rest.startsWith("@")) {
            return directReference(name, rest.substring(1).strip());
        }
        int marker = rest.indexOf(';');
        if (marker >= 0) {
            checkMarker(rest.substring(marker + 1));
        }
        String specifier = (marker < 0 ? rest : rest.substring(0, marker)).strip();
        return Packages.pip(name, pinnedVersion(specifier, singleEquals));
    }

    /**
     * The version of {@code ==V} or {@code ===V} (and {@code =V} where a single equals sign pins); unreadable for
     * anything that allows more than one, and for what pip rejects: an operator it does not know, a version after
     * {@code ==} that is not PEP 440 ({@code ===} is PEP 440's arbitrary equality, which compares any string).
     */
    private static String pinnedVersion(String specifier, boolean singleEquals) throws UnreadableLine {
        if (specifier.isEmpty()) {
            throw new UnreadableLine("no version given");
        }
        if ("=<>!~".indexOf(specifier.charAt(0)) < 0) {
            throw new UnreadableLine("expected a requirement: name==version, name @ URL or -e");
        }
        if (specifier.startsWith("=>") || specifier.startsWith("=<")) {
            throw new UnreadableLine("'" + specifier.substring(0, 2) + "' is no version operator; pip rejects the line (did you mean '"
                    + specifier.charAt(1) + "='?)");
        }
        boolean arbitrary = specifier.startsWith("===");
        String version = arbitrary ? specifier.substring(3)
                : specifier.startsWith("==") ? specifier.substring(2)
                : specifier.startsWith("=") ? specifier.substring(1) : null;
        if (version == null || version.isBlank() || version.contains(",") || version.contains("*")
                || version.strip().contains(" ") || version.strip().startsWith("=")) {
            throw new UnreadableLine("not pinned to one version: '" + specifier + "'");
        }
        if (!singleEquals && !specifier.startsWith("==")) {
            throw new UnreadableLine("'=' is no version operator; pip rejects the line (did you mean '=='?)");
        }
        if (!arbitrary) {
            try {
                Pep440Version.parse(version);
            } catch (InvalidVersionException e) {
                throw new UnreadableLine(e.getMessage() + "; pip rejects the line ('===' pins a version that is not PEP 440)");
            }
        }
        return version.strip();
    }

    /** A marker that does not parse makes the line one pip rejects. */
    private static void checkMarker(String marker) throws UnreadableLine {
        try {
            Marker.parse(marker.strip());
        } catch (InvalidSpecException e) {
            throw new UnreadableLine(e.getMessage());
        }
    }

    /** {@code name @ URL}: the URL's file may give the version; a folder or a VCS URL does not. */
    private static InstalledPackage directReference(String name, String reference) throws UnreadableLine {
        int marker = reference.indexOf(" ;");
        if (marker >= 0) {
            checkMarker(reference.substring(marker + 2));
        }
        String url = (marker < 0 ? reference : reference.substring(0, marker)).strip();
        String version = DistributionFileName.version(name, url);
        if (version == null) {
            throw new UnreadableLine("a direct reference to " + describe(url) + ": pip freeze gives no version");
        }
        return Packages.pip(name, version);
    }

    private static InstalledPackage editable(String target, EditableHint hint) throws UnreadableLine {
        Matcher egg = EGG.matcher(target);
        String name = egg.find() ? egg.group(1) : hint == null ? null : hint.name();
        if (hint != null && name != null && PackageName.normalize(name).equals(PackageName.normalize(hint.name()))) {
            return Packages.pip(hint.name(), hint.version());
        }
        throw new UnreadableLine("an editable install of " + (name == null ? describe(target) : name + " from " + describe(target))
                + ": pip freeze gives no version");
    }

    /** The requirement without the per-requirement options a requirements file may add ({@code --hash=...}). */
    private static String withoutOptions(String rest) {
        int option = rest.indexOf(" --");
        return option < 0 ? rest : rest.substring(0, option);
    }

    private static String describe(String url) {
        if (url.startsWith("git+") || url.startsWith("hg+") || url.startsWith("svn+") || url.startsWith("bzr+")) {
            return "a " + url.substring(0, url.indexOf('+')) + " repository";
        }
        return url.startsWith("file:") || url.startsWith("/") || url.startsWith(".") || url.matches("^[A-Za-z]:[\\\\/].*")
                ? "a local path" : "a URL";
    }
}
