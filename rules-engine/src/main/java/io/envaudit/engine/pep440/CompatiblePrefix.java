package io.envaudit.engine.pep440;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ==V.*} half of {@code ~=V.N}. PEP 440: "If a pre-release, post-release or developmental
 * release is named in a compatible release clause as V.N.suffix, then the suffix is ignored when
 * determining the required prefix match". The reference finds the prefix by splitting the specifier's
 * text on dots and dropping the last part after any part that starts like a suffix ({@code a b rc dev
 * post}); spellings it does not recognize there ({@code .r1}, {@code .pre1}, {@code c1}) stay in the
 * prefix. We reproduce that split exactly, so {@code ~=2.2.pre1} means {@code >=2.2rc1, ==2.2.*} as it
 * does in {@code packaging}. The epoch is kept apart from the split, as {@code packaging} does since its
 * fix for specifiers with epochs (23.0 treated {@code 1!2} as one opaque part).
 */
final class CompatiblePrefix {
    private static final Pattern NUMBER_THEN_PRE = Pattern.compile("^([0-9]+)((?:a|b|c|rc)[0-9]+)$");
    private static final String[] SUFFIX_STARTS = {"dev", "a", "b", "rc", "post"};

    private final long epoch;
    /** Set when the prefix is a plain release (the usual case): matched numerically. */
    private final Pep440Version release;
    /** Otherwise the reference's split parts of the normalized prefix, matched part by part. */
    private final List<String> parts;

    private CompatiblePrefix(long epoch, Pep440Version release, List<String> parts) {
        this.epoch = epoch;
        this.release = release;
        this.parts = parts;
    }

    static CompatiblePrefix of(String versionText, Pep440Version version) {
        String afterEpoch = versionText.substring(versionText.lastIndexOf('!') + 1);
        List<String> kept = new ArrayList<>();
        for (String part : split(afterEpoch)) {
            if (isSuffix(part)) {
                break;
            }
            kept.add(part);
        }
        kept.remove(kept.size() - 1);
        Pep440Version prefix = Pep440Version.tryParse(String.join(".", kept));
        if (prefix != null && prefix.pre() == null && prefix.post() == null && prefix.dev() == null) {
            return new CompatiblePrefix(version.epoch(), prefix, null);
        }
        String normalized = prefix == null ? String.join(".", kept) : prefix.toString();
        return new CompatiblePrefix(version.epoch(), null, split(normalized));
    }

    /** The prefix as a version text, epoch included: {@code 2} for {@code ~=2.2}, {@code 1!2.2} for {@code ~=1!2.2.1}. */
    String text() {
        String prefix = release != null ? release.toString() : String.join(".", parts);
        return epoch == 0 ? prefix : epoch + "!" + prefix;
    }

    boolean matches(Pep440Version candidate) {
        if (release != null) {
            return ReleasePrefix.matches(candidate, epoch, release);
        }
        if (candidate.epoch() != epoch) {
            return false;
        }
        List<String> candidateParts = split(withoutTrailingZeros(candidate));
        int candidateRelease = numericRun(candidateParts);
        int missing = Math.max(0, numericRun(parts) - candidateRelease);
        List<String> padded = new ArrayList<>(candidateParts.subList(0, candidateRelease));
        for (int i = 0; i < missing; i++) {
            padded.add("0");
        }
        padded.addAll(candidateParts.subList(candidateRelease, candidateParts.size()));
        return padded.size() >= parts.size() && padded.subList(0, parts.size()).equals(parts);
    }

    /** The candidate's public version, normalized, without epoch, trailing zeros of the release dropped. */
    private static String withoutTrailingZeros(Pep440Version candidate) {
        String base = candidate.baseVersionString();
        String publicText = candidate.publicString();
        String suffix = publicText.substring(base.length());
        String release = base.substring(base.indexOf('!') + 1).replaceAll("(\\.0)+$", "");
        return release + suffix;
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String item : text.split("\\.", -1)) {
            Matcher m = NUMBER_THEN_PRE.matcher(item);
            if (m.matches()) {
                parts.add(m.group(1));
                parts.add(m.group(2));
            } else {
                parts.add(item);
            }
        }
        return parts;
    }

    private static boolean isSuffix(String part) {
        for (String start : SUFFIX_STARTS) {
            if (part.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    private static int numericRun(List<String> parts) {
        int n = 0;
        while (n < parts.size() && !parts.get(n).isEmpty() && LocalLabel.isDigits(parts.get(n))) {
            n++;
        }
        return n;
    }
}
