package io.envaudit.engine.conda;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One subcomponent of a conda version: a run of digits, a run of letters (or {@code *}, or the
 * openssl-style trailing {@code _}), or the special string {@code post}.
 *
 * <p>conda's rules, from {@code VersionOrder}: "integers are compared numerically; strings are
 * compared lexicographically; strings are smaller than integers, except 'dev' versions are smaller
 * than all corresponding versions of other types; 'post' versions are greater than all corresponding
 * versions of other types". conda implements 'dev' by upper-casing it to {@code DEV} (which sorts
 * before every lower-case string and {@code _}, after {@code *}) and 'post' as infinity; so do we.
 */
final class VersionAtom implements Comparable<VersionAtom> {
    private static final int TEXT = 0;
    private static final int NUMBER = 1;
    private static final int POST = 2;

    /** The fill value conda pads with: "the missing correspondent is treated as integer 0". */
    static final VersionAtom ZERO = new VersionAtom(NUMBER, 0L, null, null);
    static final VersionAtom POST_RELEASE = new VersionAtom(POST, 0L, null, null);
    private static final VersionAtom DEV = new VersionAtom(TEXT, 0L, null, "DEV");

    private final int kind;
    private final long number;
    /** Only for numbers that do not fit a long; null otherwise, so each value has one representation. */
    private final BigInteger bigNumber;
    private final String text;

    private VersionAtom(int kind, long number, BigInteger bigNumber, String text) {
        this.kind = kind;
        this.number = number;
        this.bigNumber = bigNumber;
        this.text = text;
    }

    /** A run of ASCII digits, compared as an integer of any size. */
    static VersionAtom number(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        String significant = digits.substring(start);
        if (significant.length() <= 18) {
            long value = Long.parseLong(significant);
            return value == 0 ? ZERO : new VersionAtom(NUMBER, value, null, null);
        }
        BigInteger value = new BigInteger(significant);
        if (value.bitLength() < Long.SIZE) {
            return new VersionAtom(NUMBER, value.longValue(), null, null);
        }
        return new VersionAtom(NUMBER, 0L, value, null);
    }

    /** A run of non-digits, already lower-cased; {@code dev} and {@code post} get conda's special meaning. */
    static VersionAtom text(String lowerCaseText) {
        if (lowerCaseText.equals("post")) {
            return POST_RELEASE;
        }
        if (lowerCaseText.equals("dev")) {
            return DEV;
        }
        return new VersionAtom(TEXT, 0L, null, lowerCaseText);
    }

    boolean isText() {
        return kind == TEXT;
    }

    String text() {
        return text;
    }

    boolean isZero() {
        return this.equals(ZERO);
    }

    @Override
    public int compareTo(VersionAtom other) {
        if (kind != other.kind) {
            return Integer.compare(kind, other.kind);
        }
        switch (kind) {
            case TEXT:
                return text.compareTo(other.text);
            case NUMBER:
                if (bigNumber == null && other.bigNumber == null) {
                    return Long.compare(number, other.number);
                }
                // A BigInteger here is always >= 2^63, so larger than any long-sized value.
                if (bigNumber == null) {
                    return -1;
                }
                if (other.bigNumber == null) {
                    return 1;
                }
                return bigNumber.compareTo(other.bigNumber);
            default:
                return 0;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionAtom && compareTo((VersionAtom) o) == 0;
    }

    @Override
    public int hashCode() {
        switch (kind) {
            case TEXT:
                return text.hashCode();
            case NUMBER:
                return bigNumber != null ? bigNumber.hashCode() : Long.hashCode(number);
            default:
                return Objects.hash(kind);
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case TEXT:
                return text;
            case NUMBER:
                return bigNumber != null ? bigNumber.toString() : Long.toString(number);
            default:
                return "post";
        }
    }
}
