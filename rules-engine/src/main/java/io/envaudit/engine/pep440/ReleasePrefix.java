package io.envaudit.engine.pep440;

/**
 * Prefix matching of {@code ==X.*}: "the candidate version's release segment is zero padded and
 * truncated to the length of the specified prefix, then compared" (PEP 440, Version matching), within
 * one epoch. Pre, post and dev parts of the candidate never take part: they follow the release.
 */
final class ReleasePrefix {
    private ReleasePrefix() {
    }

    static boolean matches(Pep440Version candidate, long epoch, Pep440Version prefix) {
        if (candidate.epoch() != epoch) {
            return false;
        }
        for (int i = 0; i < prefix.releaseLength(); i++) {
            if (candidate.releaseAt(i) != prefix.releaseAt(i)) {
                return false;
            }
        }
        return true;
    }
}
