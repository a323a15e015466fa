package io.envaudit.engine.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Ordering laws and round trips over generated conda versions. */
class CondaVersionPropertiesTest {

    @Provide
    Arbitrary<CondaVersion> versions() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 12).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25));
        Arbitrary<String> word = Arbitraries.of("a", "b", "rc", "dev", "post", "alpha", "_", "*", "z", "DEV", "Post");
        Arbitrary<String> component = Arbitraries.oneOf(number, word,
                Combinators.combine(number, word).as(String::concat),
                Combinators.combine(word, number).as(String::concat),
                Combinators.combine(number, word, number).as((a, b, c) -> a + b + c));
        Arbitrary<String> upstream = component.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
        Arbitrary<String> epoch = Arbitraries.of("", "1!", "2!", "0!");
        Arbitrary<String> local = Arbitraries.oneOf(Arbitraries.just(""), upstream.map(u -> "+" + u));
        return Combinators.combine(epoch, upstream, local).as((e, u, l) -> e + u + l)
                .filter(s -> !s.replace("!", "").replace("+", "").isEmpty())
                .map(CondaVersionPropertiesTest::parseOrNull)
                .filter(v -> v != null);
    }

    private static CondaVersion parseOrNull(String s) {
        try {
            return CondaVersion.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Property
    void antisymmetric(@ForAll("versions") CondaVersion a, @ForAll("versions") CondaVersion b) {
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
    }

    @Property
    void transitive(@ForAll("versions") CondaVersion a, @ForAll("versions") CondaVersion b, @ForAll("versions") CondaVersion c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0);
        }
        if (a.compareTo(b) == 0 && b.compareTo(c) == 0) {
            assertEquals(0, a.compareTo(c));
        }
    }

    @Property
    void totalAndConsistentWithEquals(@ForAll("versions") CondaVersion a, @ForAll("versions") CondaVersion b) {
        assertEquals(a.compareTo(b) == 0, a.equals(b));
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode());
        }
    }

    @Property
    void paddingIsEquality(@ForAll("versions") CondaVersion a) {
        // A trailing "_" belongs to its component, so ".0" cannot follow it.
        if (!a.toString().contains("_")) {
            CondaVersion padded = CondaVersion.parse(a + ".0");
            assertEquals(a, padded);
            assertEquals(a.hashCode(), padded.hashCode());
        }
    }

    @Property
    void reparseOfStringIsEqual(@ForAll("versions") CondaVersion a) {
        CondaVersion again = CondaVersion.parse(a.toString());
        assertEquals(a, again);
        assertEquals(a.toString(), again.toString());
        assertEquals(a.hashCode(), again.hashCode());
    }

    @Property
    void startsWithItself(@ForAll("versions") CondaVersion a) {
        assertTrue(a.startsWith(a));
    }

    @Property
    void specOfVersionMatchesIt(@ForAll("versions") CondaVersion a) {
        if (a.toString().endsWith("*")) {
            return; // conda drops a trailing ".*" after a relational operator
        }
        assertTrue(CondaVersionSpec.parse("==" + a).matches(a));
        assertTrue(CondaVersionSpec.parse(">=" + a).matches(a));
        assertTrue(CondaVersionSpec.parse("<=" + a).matches(a));
    }
}
