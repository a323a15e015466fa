package io.envaudit.engine.conda;

import io.envaudit.engine.version.PythonWhitespace;
import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidVersionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A conda package version, ordered exactly as conda's {@code VersionOrder} orders it.
 *
 * <p>Parsing follows conda: the string is stripped and lower-cased ("version comparison is
 * case-insensitive"); dashes become underscores when there are no underscores; it is "split into
 * epoch, version number, and local version number at '!' and '+' respectively"; the version part "is
 * then split into components at '.' and '_'"; "each component is split again into runs of numerals and
 * non-numerals"; "when a component starts with a letter, the fillvalue 0 is inserted to keep numbers
 * and strings in phase, resulting in '1.1.a1' == 1.1.0a1'". A trailing {@code _} stays attached to the
 * last component, conda's convention for openssl-like versions ({@code 1.0.1_ < 1.0.1a}).
 *
 * <p>Comparison is lexicographic over components and subcomponents, "if a subcomponent has no
 * correspondent, the missing correspondent is treated as integer 0 to ensure '1.1' == '1.1.0'"; the
 * local part is "only considered in comparisons when the main versions are equal". {@link #equals}
 * and {@link #hashCode} follow that ordering, so {@code 1.1} equals {@code 1.1.0}.
 *
 * <p>Instances are immutable; the comparison key is computed once, at parse time.
 */
public final class CondaVersion implements Comparable<CondaVersion> {
    private static final VersionAtom[] NO_ATOMS = new VersionAtom[0];
    private static final VersionAtom[][] NO_COMPONENTS = new VersionAtom[0][];

    private final String original;
    private final String normalized;
    /** Epoch first, then the components of the upstream version, as conda splits them (untrimmed). */
    private final VersionAtom[][] version;
    /** The components of the local version; empty when there is no {@code +}. */
    private final VersionAtom[][] local;
    private final int hash;
    /** The prefix {@code ~=} tests against; computed on first use by a compatible-release spec. */
    private volatile CondaVersion compatibleReleasePrefix;

    private CondaVersion(String original, String normalized, VersionAtom[][] version, VersionAtom[][] local) {
        this.original = original;
        this.normalized = normalized;
        this.version = version;
        this.local = local;
        this.hash = 31 * trimmedHash(version) + trimmedHash(local);
    }

    /**
     * Parses a conda version string.
     *
     * @throws InvalidVersionException (flavor conda) naming the input and what is wrong
     */
    public static CondaVersion parse(String input) {
        if (input == null) {
            throw invalid(null, "no version given");
        }
        String text = PythonWhitespace.strip(input).toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw invalid(input, "empty version string");
        }
        boolean valid = hasOnlyVersionCharacters(text);
        if (!valid && text.indexOf('-') >= 0 && text.indexOf('_') < 0) {
            // conda: "Allow for dashes as long as there are no underscores as well, by converting the
            // former to the latter."
            text = text.replace('-', '_');
            valid = hasOnlyVersionCharacters(text);
        }
        if (!valid) {
            throw invalid(input, "invalid character(s)");
        }

        String[] epochSplit = text.split("!", -1);
        String epoch;
        if (epochSplit.length == 1) {
            epoch = "0";
        } else if (epochSplit.length == 2) {
            epoch = epochSplit[0];
            if (epoch.isEmpty() || !isAsciiDigits(epoch)) {
                throw invalid(input, "epoch must be an integer");
            }
        } else {
            throw invalid(input, "duplicated epoch separator '!'");
        }

        String[] localSplit = epochSplit[epochSplit.length - 1].split("\\+", -1);
        if (localSplit.length > 2) {
            throw invalid(input, "duplicated local version separator '+'");
        }
        String upstream = localSplit[0];
        if (upstream.isEmpty()) {
            throw invalid(input, "missing version before local version separator '+'");
        }

        List<String> upstreamComponents = new ArrayList<>();
        upstreamComponents.add(epoch);
        if (upstream.endsWith("_")) {
            // "You can work-around this problem by appending an underscore to plain version numbers":
            // the trailing underscore is not a separator but part of the last component.
            String[] parts = splitComponents(upstream.substring(0, upstream.length() - 1));
            parts[parts.length - 1] += "_";
            upstreamComponents.addAll(Arrays.asList(parts));
        } else {
            upstreamComponents.addAll(Arrays.asList(splitComponents(upstream)));
        }

        VersionAtom[][] versionKey = toAtoms(input, upstreamComponents.toArray(new String[0]));
        VersionAtom[][] localKey = localSplit.length == 2 ? toAtoms(input, splitComponents(localSplit[1])) : NO_COMPONENTS;
        return new CondaVersion(input, text, versionKey, localKey);
    }

    private static boolean hasOnlyVersionCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
                    || c == '*' || c == '.' || c == '+' || c == '!' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Components are separated by '.' and '_'; empty ones are kept so they can be rejected. */
    private static String[] splitComponents(String part) {
        return part.replace('_', '.').split("\\.", -1);
    }

    private static VersionAtom[][] toAtoms(String input, String[] components) {
        VersionAtom[][] result = new VersionAtom[components.length][];
        for (int k = 0; k < components.length; k++) {
            String component = components[k];
            if (component.isEmpty()) {
                throw invalid(input, "empty version component");
            }
            List<VersionAtom> atoms = new ArrayList<>(4);
            if (!isDigit(component.charAt(0))) {
                atoms.add(VersionAtom.ZERO);
            }
            splitRuns(component, atoms);
            result[k] = atoms.toArray(NO_ATOMS);
        }
        return result;
    }

    /** conda's runs: {@code [0-9]+}, {@code [*]+}, or anything else up to the next digit or star. */
    private static void splitRuns(String component, List<VersionAtom> atoms) {
        int i = 0;
        int n = component.length();
        while (i < n) {
            int start = i;
            char c = component.charAt(i);
            if (isDigit(c)) {
                while (i < n && isDigit(component.charAt(i))) {
                    i++;
                }
                atoms.add(VersionAtom.number(component.substring(start, i)));
            } else if (c == '*') {
                while (i < n && component.charAt(i) == '*') {
                    i++;
                }
                atoms.add(VersionAtom.text(component.substring(start, i)));
            } else {
                while (i < n && !isDigit(component.charAt(i)) && component.charAt(i) != '*') {
                    i++;
                }
                atoms.add(VersionAtom.text(component.substring(start, i)));
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static InvalidVersionException invalid(String input, String reason) {
        return new InvalidVersionException(Flavor.CONDA, input, reason);
    }

    /** The epoch, the number before {@code !} (0 when absent). */
    public java.math.BigInteger epoch() {
        VersionAtom atom = version[0][0];
        return new java.math.BigInteger(atom.toString());
    }

    /** Whether the version has a local part ({@code +...}). */
    public boolean hasLocal() {
        return local.length > 0;
    }

    /** The local part after {@code +} as conda normalizes it, or the empty string when there is none. */
    public String local() {
        int plus = normalized.indexOf('+');
        return plus < 0 ? "" : normalized.substring(plus + 1);
    }

    /** The parsed components of the upstream version, epoch first, as conda lists them (for tests). */
    VersionAtom[][] components() {
        return version;
    }

    /** The string this version was parsed from, unchanged; conda matches regex specs against it. */
    public String original() {
        return original;
    }

    /**
     * conda's {@code VersionOrder.startswith}: whether this version matches {@code prefix} "up to the
     * last element" of the prefix. Components before the prefix's last one must be equal (with 0
     * padding); in the last component, the prefix's last subcomponent must equal ours, or, when it is a
     * string, be a string prefix of ours. So {@code 1.7.1} starts with {@code 1.7}, {@code 0.4.1p1}
     * starts with {@code 0.4.1p}, and {@code 1.70} does not start with {@code 1.7}. A prefix with a
     * local part requires equal upstream versions and applies the same test to the local parts.
     */
    public boolean startsWith(CondaVersion prefix) {
        VersionAtom[][] mine;
        VersionAtom[][] theirs;
        if (prefix.local.length > 0) {
            if (!componentsEqual(version, version.length, prefix.version, prefix.version.length)) {
                return false;
            }
            mine = local;
            theirs = prefix.local;
        } else {
            mine = version;
            theirs = prefix.version;
        }
        int last = theirs.length - 1;
        if (!componentsEqual(mine, Math.min(last, mine.length), theirs, last)) {
            return false;
        }
        VersionAtom[] myComponent = mine.length <= last ? NO_ATOMS : mine[last];
        VersionAtom[] theirComponent = theirs[last];
        int lastAtom = theirComponent.length - 1;
        if (!atomsEqual(myComponent, Math.min(lastAtom, myComponent.length), theirComponent, lastAtom)) {
            return false;
        }
        VersionAtom mineAtom = myComponent.length <= lastAtom ? VersionAtom.ZERO : myComponent[lastAtom];
        VersionAtom theirAtom = theirComponent[lastAtom];
        if (theirAtom.isText()) {
            return mineAtom.isText() && mineAtom.text().startsWith(theirAtom.text());
        }
        return mineAtom.equals(theirAtom);
    }

    /**
     * The version {@code ~=} compares against: conda drops the last dot-separated part of the
     * normalized string ({@code ~=1.4.5} means {@code >=1.4.5} and starts with {@code 1.4}).
     *
     * @throws InvalidVersionException when nothing valid remains, as for {@code ~=1}
     */
    public CondaVersion compatibleReleasePrefix() {
        CondaVersion prefix = compatibleReleasePrefix;
        if (prefix == null) {
            int dot = normalized.lastIndexOf('.');
            prefix = parse(dot < 0 ? "" : normalized.substring(0, dot));
            compatibleReleasePrefix = prefix;
        }
        return prefix;
    }

    private static boolean componentsEqual(VersionAtom[][] a, int aLength, VersionAtom[][] b, int bLength) {
        int n = Math.max(aLength, bLength);
        for (int i = 0; i < n; i++) {
            VersionAtom[] x = i < aLength ? a[i] : NO_ATOMS;
            VersionAtom[] y = i < bLength ? b[i] : NO_ATOMS;
            if (!atomsEqual(x, x.length, y, y.length)) {
                return false;
            }
        }
        return true;
    }

    private static boolean atomsEqual(VersionAtom[] a, int aLength, VersionAtom[] b, int bLength) {
        return compareAtoms(a, aLength, b, bLength) == 0;
    }

    private static int compareAtoms(VersionAtom[] a, int aLength, VersionAtom[] b, int bLength) {
        int n = Math.max(aLength, bLength);
        for (int i = 0; i < n; i++) {
            VersionAtom x = i < aLength ? a[i] : VersionAtom.ZERO;
            VersionAtom y = i < bLength ? b[i] : VersionAtom.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareComponents(VersionAtom[][] a, VersionAtom[][] b) {
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            VersionAtom[] x = i < a.length ? a[i] : NO_ATOMS;
            VersionAtom[] y = i < b.length ? b[i] : NO_ATOMS;
            int c = compareAtoms(x, x.length, y, y.length);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Hash of the key with trailing zeros and trailing empty components removed, as padding ignores them. */
    private static int trimmedHash(VersionAtom[][] components) {
        int lastNonEmpty = -1;
        int[] hashes = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            VersionAtom[] atoms = components[i];
            int end = atoms.length;
            while (end > 0 && atoms[end - 1].isZero()) {
                end--;
            }
            int h = 1;
            for (int j = 0; j < end; j++) {
                h = 31 * h + atoms[j].hashCode();
            }
            hashes[i] = end == 0 ? 1 : h;
            if (end > 0) {
                lastNonEmpty = i;
            }
        }
        int h = 1;
        for (int i = 0; i <= lastNonEmpty; i++) {
            h = 31 * h + hashes[i];
        }
        return h;
    }

    @Override
    public int compareTo(CondaVersion other) {
        int c = compareComponents(version, other.version);
        return c != 0 ? c : compareComponents(local, other.local);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CondaVersion && hash == ((CondaVersion) o).hash && compareTo((CondaVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** conda's normalized form: stripped, lower-cased, dashes turned into underscores when conda does. */
    @Override
    public String toString() {
        return normalized;
    }
}
