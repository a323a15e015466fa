package io.envaudit.engine.pep440;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ordering is a total order consistent with equality; normalization is idempotent. */
class Pep440PropertiesTest {

    @Provide
    Arbitrary<Pep440Version> versions() {
        Arbitrary<String> release = Arbitraries.integers().between(0, 12).list().ofMinSize(1).ofMaxSize(4)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> pre = Arbitraries.of("", "a1", "b2", "rc1", "alpha", "c3", "pre0");
        Arbitrary<String> post = Arbitraries.of("", ".post1", "-2", ".rev0", "post");
        Arbitrary<String> dev = Arbitraries.of("", ".dev0", ".dev3", "dev");
        Arbitrary<String> local = Arbitraries.of("", "+ubuntu.1", "+1", "+abc", "+01.x", "+cu121");
        Arbitrary<String> epoch = Arbitraries.of("", "", "1!", "2!");
        return Combinators.combine(epoch, release, pre, post, dev, local)
                .as((e, r, p, po, d, l) -> Pep440Version.parse(e + r + p + po + d + l));
    }

    @Property
    void normalizationIsIdempotent(@ForAll("versions") Pep440Version v) {
        Pep440Version again = Pep440Version.parse(v.toString());
        assertEquals(v.toString(), again.toString());
        assertEquals(0, v.compareTo(again));
    }

    @Property
    void orderingIsAntisymmetricAndConsistentWithEquals(@ForAll("versions") Pep440Version a, @ForAll("versions") Pep440Version b) {
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
        assertEquals(a.compareTo(b) == 0, a.equals(b));
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode());
        }
    }

    @Property
    void orderingIsTransitive(@ForAll("versions") Pep440Version a, @ForAll("versions") Pep440Version b,
                              @ForAll("versions") Pep440Version c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0, a + " <= " + b + " <= " + c);
        }
    }

    @Property
    void aVersionSatisfiesItsOwnEqualityAndRange(@ForAll("versions") Pep440Version v) {
        assertTrue(Pep440SpecifierSet.parse("==" + v).contains(v));
        assertTrue(Pep440SpecifierSet.parse(">=" + v.publicString() + ",<=" + v.publicString()).contains(v));
    }
}
