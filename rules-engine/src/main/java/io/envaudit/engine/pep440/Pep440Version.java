package io.envaudit.engine.pep440;

import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidVersionException;
import io.envaudit.engine.version.PythonWhitespace;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version, parsed, normalized and ordered as Python's {@code packaging.version.Version}
 * (release 23.0, no LegacyVersion).
 *
 * <p>Parsing happens once; the fields below are the comparison key, so ordering is a handful of
 * integer comparisons and never looks at text again (local labels aside).
 */
public final class Pep440Version implements Comparable<Pep440Version> {

    /**
     * PEP 440, Appendix B: "the canonical public version identifiers ... can be parsed with the
     * following regular expression", extended as the PEP describes for lenient input (a leading
     * {@code v}, separators {@code -_.}, alternate spellings, implicit numbers, {@code 1.0-5} post
     * releases) and with the local version label. Case-insensitive; white space is stripped before.
     * Repetitions are possessive: nothing after them can start the same way, and Java's matcher would
     * otherwise recurse once per release number and overflow its stack on hostile input.
     */
    private static final Pattern GRAMMAR = Pattern.compile("""
            v?
            (?:(?<epoch>[0-9]+)!)?                            # epoch
            (?<release>[0-9]++(?:\\.[0-9]++)*+)               # release segment
            (?<pre>                                           # pre-release
                [-_.]?
                (?<preL>alpha|a|beta|b|preview|pre|c|rc)
                [-_.]?
                (?<preN>[0-9]+)?
            )?
            (?<post>                                          # post release
                (?:-(?<postN1>[0-9]+))
                |
                (?:
                    [-_.]?
                    (?<postL>post|rev|r)
                    [-_.]?
                    (?<postN2>[0-9]+)?
                )
            )?
            (?<dev>                                           # dev release
                [-_.]?
                (?<devL>dev)
                [-_.]?
                (?<devN>[0-9]+)?
            )?
            (?:\\+(?<local>[a-z0-9]++(?:[-_.][a-z0-9]++)*+))?  # local version
            """, Pattern.COMMENTS | Pattern.CASE_INSENSITIVE);

    /** The numbers of one version component: what PEP 440 calls a non-negative integer. */
    static final int MAX_DIGITS = 18;

    private static final int PRE_ALPHA = 0;
    private static final int PRE_BETA = 1;
    private static final int PRE_RC = 2;
    private static final String[] PRE_LETTERS = {"a", "b", "rc"};
    private static final long ABSENT = -1;

    private final long epoch;
    private final long[] release;
    /** Release length once trailing zeros are dropped: PEP 440 says {@code 1.0 == 1.0.0}. */
    private final int significantReleaseLength;
    private final int preLetter;           // PRE_* or ABSENT
    private final long preNumber;
    private final long post;               // ABSENT when none
    private final long dev;                // ABSENT when none
    private final LocalLabel local;        // null when none
    /** The normalized form, made on first use: matching never needs it. */
    private String normalized;

    private Pep440Version(long epoch, long[] release, int preLetter, long preNumber, long post, long dev,
                          LocalLabel local) {
        this.epoch = epoch;
        this.release = release;
        int significant = release.length;
        while (significant > 0 && release[significant - 1] == 0) {
            significant--;
        }
        this.significantReleaseLength = significant;
        this.preLetter = preLetter;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = local;
    }

    /** Parses a version as {@code packaging.version.Version(text)} does; throws naming the input otherwise. */
    public static Pep440Version parse(String text) {
        if (text == null) {
            throw new InvalidVersionException(Flavor.PEP440, null, "no version given");
        }
        String stripped = PythonWhitespace.strip(text);
        if (stripped.isEmpty()) {
            throw new InvalidVersionException(Flavor.PEP440, text, "empty version");
        }
        Matcher m = GRAMMAR.matcher(stripped);
        if (!m.matches()) {
            throw new InvalidVersionException(Flavor.PEP440, text, "does not follow the PEP 440 version scheme");
        }
        long epoch = m.group("epoch") == null ? 0 : number(text, m.group("epoch"));
        String[] releaseParts = m.group("release").split("\\.");
        long[] release = new long[releaseParts.length];
        for (int i = 0; i < releaseParts.length; i++) {
            release[i] = number(text, releaseParts[i]);
        }
        int preLetter = (int) ABSENT;
        long preNumber = 0;
        if (m.group("pre") != null) {
            preLetter = preLetter(m.group("preL"));
            preNumber = m.group("preN") == null ? 0 : number(text, m.group("preN"));
        }
        long post = ABSENT;
        if (m.group("post") != null) {
            String n = m.group("postN1") != null ? m.group("postN1") : m.group("postN2");
            post = n == null ? 0 : number(text, n);
        }
        long dev = ABSENT;
        if (m.group("dev") != null) {
            dev = m.group("devN") == null ? 0 : number(text, m.group("devN"));
        }
        LocalLabel local = m.group("local") == null ? null : LocalLabel.parse(text, m.group("local"));
        return new Pep440Version(epoch, release, preLetter, preNumber, post, dev, local);
    }

    /** Like {@link #parse} but answers null instead of throwing, for records whose version may be anything. */
    public static Pep440Version tryParse(String text) {
        // Most texts that are not versions fail the grammar: answer those without an exception.
        if (text == null || !GRAMMAR.matcher(PythonWhitespace.strip(text)).matches()) {
            return null;
        }
        try {
            return parse(text);
        } catch (InvalidVersionException tooLarge) {
            return null;
        }
    }

    static long number(String input, String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        if (digits.length() - start > MAX_DIGITS) {
            throw new InvalidVersionException(Flavor.PEP440, input,
                    "number " + digits.substring(start, start + 12) + "... has more than " + MAX_DIGITS + " digits");
        }
        return Long.parseLong(digits, start, digits.length(), 10);
    }

    private static int preLetter(String spelling) {
        return switch (spelling.toLowerCase(Locale.ROOT)) {
            case "a", "alpha" -> PRE_ALPHA;
            case "b", "beta" -> PRE_BETA;
            default -> PRE_RC; // c, rc, pre, preview: PEP 440 treats them all as release candidates
        };
    }

    public long epoch() {
        return epoch;
    }

    /** The release segment as written (trailing zeros kept), e.g. {@code [1, 0, 0]}. */
    public long[] release() {
        return release.clone();
    }

    /** The first release number, as {@code Version.major}: {@code 2} for {@code 2.1.0}. */
    public long major() {
        return releaseAt(0);
    }

    /** The second release number, 0 when the release has only one, as {@code Version.minor}. */
    public long minor() {
        return releaseAt(1);
    }

    /** The third release number, 0 when the release has fewer, as {@code Version.micro}. */
    public long micro() {
        return releaseAt(2);
    }

    int releaseLength() {
        return release.length;
    }

    long releaseAt(int i) {
        return i < release.length ? release[i] : 0;
    }

    /** {@code a}, {@code b} or {@code rc} with its number, e.g. {@code rc1}; null when not a pre-release. */
    public String pre() {
        return preLetter == ABSENT ? null : PRE_LETTERS[preLetter] + preNumber;
    }

    public Long post() {
        return post == ABSENT ? null : post;
    }

    public Long dev() {
        return dev == ABSENT ? null : dev;
    }

    /** The normalized local label ({@code ubuntu.1}), or null. */
    public String local() {
        return local == null ? null : local.toString();
    }

    public boolean hasLocal() {
        return local != null;
    }

    /** PEP 440: a developmental release counts as a pre-release too. */
    public boolean isPrerelease() {
        return preLetter != ABSENT || dev != ABSENT;
    }

    public boolean isPostrelease() {
        return post != ABSENT;
    }

    public boolean isDevrelease() {
        return dev != ABSENT;
    }

    /** This version without its local label. */
    public Pep440Version publicVersion() {
        return local == null ? this : new Pep440Version(epoch, release, preLetter, preNumber, post, dev, null);
    }

    /** Epoch and release only: {@code 1!2.0rc1.post3} gives {@code 1!2.0}. */
    public Pep440Version baseVersion() {
        if (preLetter == ABSENT && post == ABSENT && dev == ABSENT && local == null) {
            return this;
        }
        return new Pep440Version(epoch, release, (int) ABSENT, 0, ABSENT, ABSENT, null);
    }

    /** True when both have the same epoch and release, ignoring trailing zeros. */
    boolean sameBaseVersion(Pep440Version other) {
        return epoch == other.epoch && compareRelease(other) == 0;
    }

    public String publicString() {
        return local == null ? toString() : render(false, false);
    }

    /**
     * {@code packaging.utils.canonicalize_version}: the normalized form, with the release's trailing
     * zeros dropped when asked ({@code 1.0.0} gives {@code 1}).
     */
    public String canonicalString(boolean stripTrailingZeros) {
        return render(true, stripTrailingZeros);
    }

    public String baseVersionString() {
        StringBuilder out = new StringBuilder();
        appendBase(out, release.length);
        return out.toString();
    }

    /**
     * Compares as {@code packaging}'s {@code _cmpkey}: epoch; release without trailing zeros; then a
     * pre-release key where a bare dev release sorts before any pre-release and a final release after;
     * post (none first); dev (none last); local (none first, then segment by segment, strings before numbers).
     */
    @Override
    public int compareTo(Pep440Version other) {
        int c = Long.compare(epoch, other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(other);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank(), other.preRank());
        if (c != 0) {
            return c;
        }
        if (preLetter != ABSENT) {
            c = Long.compare(preNumber, other.preNumber);
            if (c != 0) {
                return c;
            }
        }
        c = Long.compare(post, other.post); // ABSENT (-1) sorts first, as packaging's -Infinity
        if (c != 0) {
            return c;
        }
        c = Boolean.compare(dev == ABSENT, other.dev == ABSENT); // no dev sorts last (+Infinity)
        if (c != 0) {
            return c;
        }
        c = Long.compare(dev, other.dev);
        if (c != 0) {
            return c;
        }
        return LocalLabel.compare(local, other.local);
    }

    /** Like {@link #compareTo} with both local labels ignored. */
    int comparePublic(Pep440Version other) {
        return local == null && other.local == null ? compareTo(other) : publicVersion().compareTo(other.publicVersion());
    }

    private int compareRelease(Pep440Version other) {
        int n = Math.min(significantReleaseLength, other.significantReleaseLength);
        for (int i = 0; i < n; i++) {
            int c = Long.compare(release[i], other.release[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(significantReleaseLength, other.significantReleaseLength);
    }

    private int preRank() {
        if (preLetter == ABSENT && post == ABSENT && dev != ABSENT) {
            return -1; // 1.0.dev0 < 1.0a0
        }
        return preLetter == ABSENT ? 3 : preLetter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pep440Version other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(epoch);
        for (int i = 0; i < significantReleaseLength; i++) {
            h = 31 * h + Long.hashCode(release[i]);
        }
        h = 31 * h + preRank();
        h = 31 * h + Long.hashCode(preLetter == ABSENT ? 0 : preNumber);
        h = 31 * h + Long.hashCode(post);
        h = 31 * h + Long.hashCode(dev);
        return 31 * h + (local == null ? 0 : local.hashCode());
    }

    /** The normalized form, as {@code str(Version(...))}: {@code 1!2.0rc1.post3.dev4+ubuntu.1}. */
    @Override
    public String toString() {
        String text = normalized;
        if (text == null) {
            text = render(true, false);
            normalized = text;
        }
        return text;
    }

    private String render(boolean withLocal, boolean stripTrailingZeros) {
        StringBuilder out = new StringBuilder();
        appendBase(out, stripTrailingZeros ? Math.max(1, significantReleaseLength) : release.length);
        if (preLetter != ABSENT) {
            out.append(PRE_LETTERS[preLetter]).append(preNumber);
        }
        if (post != ABSENT) {
            out.append(".post").append(post);
        }
        if (dev != ABSENT) {
            out.append(".dev").append(dev);
        }
        if (withLocal && local != null) {
            out.append('+').append(local);
        }
        return out.toString();
    }

    private void appendBase(StringBuilder out, int releaseParts) {
        if (epoch != 0) {
            out.append(epoch).append('!');
        }
        for (int i = 0; i < releaseParts; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(release[i]);
        }
    }
}
