package io.envaudit.engine.reference;

import io.envaudit.engine.pep440.Pep440SpecifierSet;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.pep508.Marker;
import io.envaudit.engine.pep508.MarkerEnvironment;
import io.envaudit.engine.pep508.Requirement;
import io.envaudit.engine.pep508.Truth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of generated questions, each answered by our engine and by Python's {@code packaging} 23.0;
 * every answer must be equal. Generated inputs avoid only the documented, deliberate differences
 * (numbers past 18 digits, non-ASCII letters Python folds) and the post-23.0 fixes envaudit follows
 * ({@code PostPackaging23FixesTest} covers each): the epoch fix and {@code ===} clauses kept apart are
 * left out by {@link #isKnownDifference}; the invalid-version-in-a-marker fix (26.0 #932) is emulated by
 * the oracle itself.
 */
class PackagingDifferentialTest {
    private static final int VERSIONS = 6000;
    private static final int COMPARISONS = 12000;
    private static final int SPECIFIER_MATCHES = 30000;
    private static final int SPECIFIER_SETS = 5000;

    @Test
    void versionsParseAndNormalizeAsPackagingDoes() throws Exception {
        Pep440Generator generator = new Pep440Generator(440);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < VERSIONS; i++) {
            inputs.add(generator.version(true));
        }
        int rejected = assertAgree(inputs, v -> "version\t" + v, PackagingDifferentialTest::describeVersion);
        assertMixed(rejected, inputs.size());
    }

    @Test
    void versionsOrderAsPackagingDoes() throws Exception {
        Pep440Generator generator = new Pep440Generator(441);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < COMPARISONS; i++) {
            String a = generator.wellFormed(i % 3 == 0, true).strip();
            // near neighbours compare equal or close more often than two random versions
            String b = i % 2 == 0 ? generator.mutateKeepingShape(a) : generator.wellFormed(i % 3 == 0, true).strip();
            pairs.add(new String[] {a, b});
        }
        assertAgree(pairs, p -> "compare\t" + p[0] + "\t" + p[1], p -> {
            int c = Pep440Version.parse(p[0]).compareTo(Pep440Version.parse(p[1]));
            return Integer.toString(Integer.signum(c));
        });
    }

    @Test
    void specifierSetsMatchAsPipCheckDoes() throws Exception {
        Pep440Generator generator = new Pep440Generator(442);
        List<String[]> questions = new ArrayList<>();
        for (int i = 0; i < SPECIFIER_MATCHES; i++) {
            String spec = generator.specifierSet();
            questions.add(new String[] {spec, generator.versionNear(spec)});
        }
        int rejected = assertAgree(questions, q -> "contains\t" + q[0] + "\t" + q[1], q -> {
            Pep440SpecifierSet set = Pep440SpecifierSet.parse(q[0]);
            return Boolean.toString(set.contains(Pep440Version.parse(q[1])));
        });
        assertMixed(rejected, questions.size());
    }

    @Test
    void specifierSetsPrintAsPackagingDoes() throws Exception {
        Pep440Generator generator = new Pep440Generator(443);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < SPECIFIER_SETS; i++) {
            inputs.add(generator.specifierSet());
        }
        int rejected = assertAgree(inputs, s -> "specstr\t" + s, s -> "ok\t" + Pep440SpecifierSet.parse(s));
        assertMixed(rejected, inputs.size());
    }

    @Test
    void specifierSetsEqualAsPackagingDoes() throws Exception {
        Pep440Generator generator = new Pep440Generator(444);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < SPECIFIER_SETS; i++) {
            String a = generator.specifierSet();
            pairs.add(new String[] {a, i % 4 == 0 ? generator.specifierSet() : generator.respelled(a)});
        }
        int[] equal = {0};
        assertAgree(pairs, p -> "speceq\t" + p[0] + "\t" + p[1], p -> {
            boolean same = Pep440SpecifierSet.parse(p[0]).equals(Pep440SpecifierSet.parse(p[1]));
            equal[0] += same ? 1 : 0;
            return Boolean.toString(same);
        });
        assertTrue(equal[0] > pairs.size() / 5 && equal[0] < pairs.size() * 4 / 5, "equal pairs: " + equal[0] + " of " + pairs.size());
    }

    @Test
    void markersEvaluateAsPackagingDoes() throws Exception {
        MarkerGenerator generator = new MarkerGenerator(508);
        List<String[]> questions = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            questions.add(new String[] {generator.marker(), generator.environmentJson()});
        }
        int rejected = assertAgree(questions, q -> "marker\t" + q[0] + "\t" + q[1], q -> {
            Marker marker = Marker.parse(q[0]);
            Truth truth = marker.evaluate(MarkerEnvironment.of(MarkerGenerator.parseEnvironment(q[1])));
            // every variable is set, so nothing may be unknown: "unknown" is never packaging's answer
            String value = switch (truth) {
                case TRUE -> "true";
                case FALSE -> "false";
                case UNKNOWN -> "unknown";
            };
            return value + "\t" + marker;
        });
        assertMixed(rejected, questions.size());
    }

    @Test
    void requirementsParseAsPackagingDoes() throws Exception {
        MarkerGenerator generator = new MarkerGenerator(509);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            inputs.add(generator.requirement());
        }
        int rejected = assertAgree(inputs, r -> "require\t" + r, r -> {
            Requirement requirement = Requirement.parse(r);
            return String.join("\t", "ok", requirement.name(), String.join(",", new TreeSet<>(requirement.extras())),
                    requirement.specifier().toString(), requirement.url() == null ? "" : requirement.url(),
                    requirement.marker() == null ? "" : requirement.marker().toString());
        });
        assertMixed(rejected, inputs.size());
    }

    private static final java.util.regex.Pattern LONG_NUMBER = java.util.regex.Pattern.compile("[0-9]{19,}");
    /** An epoch's "!", which "!=" is not. */
    private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("!(?!=)");

    /**
     * Questions on which envaudit deliberately differs from 23.0, each covered by its own test: numbers
     * past 18 digits (rejected, see Pep440HostileInputTest); an epoch, in a clause or in the version
     * asked about, where the set matches by prefix ({@code ==2!1.*} or {@code ==0.*} on {@code 1!0.0},
     * {@code ~=2!1.0}): 23.0 split {@code 2!1} as one opaque part and 24.0 fixed it (#683/#712); and two
     * {@code ===} clauses, which 26.0 (#951) and envaudit keep apart by their text while 23.0 merged those
     * with equal canonical versions ({@code ===0,===00} kept one and matched {@code 0}; in an equality
     * question the two may sit one in each set). Both fixes: PostPackaging23FixesTest. A requirement's
     * marker may hold {@code ===} too; counting it there as well only leaves out a few more requirement
     * questions.
     */
    private static boolean isKnownDifference(String question) {
        if (LONG_NUMBER.matcher(question).find()) {
            return true;
        }
        boolean specifierQuestion = !question.startsWith("version\t") && !question.startsWith("compare\t")
                && !question.startsWith("marker\t");
        if (specifierQuestion && question.indexOf("===") != question.lastIndexOf("===")) {
            return true;
        }
        return question.startsWith("contains\t") && EPOCH.matcher(question).find() && usesPrefixMatching(question.split("\t")[1]);
    }

    private static boolean usesPrefixMatching(String specifierSet) {
        return specifierSet.contains(".*") || specifierSet.contains("~=");
    }

    /** The generators must produce both accepted and rejected inputs, or the comparison proves little. */
    private static void assertMixed(int rejected, int total) {
        assertTrue(rejected > 0 && rejected < total / 2, "rejected " + rejected + " of " + total);
    }

    /** Asks both engines; an exception on our side must meet an error on theirs. Returns how many they rejected. */
    private static <T> int assertAgree(List<T> inputs, Function<T, String> question, Function<T, String> ours)
            throws Exception {
        List<String> questions = inputs.stream().map(question).filter(q -> !isKnownDifference(q)).toList();
        inputs = inputs.stream().filter(i -> !isKnownDifference(question.apply(i))).toList();
        List<String> theirs = PackagingOracle.ask(questions);
        List<String> disagreements = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String mine;
            try {
                mine = ours.apply(inputs.get(i));
            } catch (IllegalArgumentException e) {
                mine = "error";
            }
            String reference = theirs.get(i).startsWith("error\t") ? "error" : theirs.get(i);
            if (reference.equals("error")) {
                errors++;
            }
            if (!mine.equals(reference) && disagreements.size() < 25) {
                disagreements.add(questions.get(i).replace('\t', '|') + "  ours=" + mine.replace('\t', '|')
                        + "  packaging=" + theirs.get(i).replace('\t', '|'));
            }
        }
        assertEquals(List.of(), disagreements, "answers that differ from packaging 23.0");
        return errors;
    }

    private static String describeVersion(String input) {
        Pep440Version v = Pep440Version.parse(input);
        return String.join("\t", "ok", v.toString(), v.publicString(), v.baseVersionString(),
                Boolean.toString(v.isPrerelease()), Boolean.toString(v.isPostrelease()), Boolean.toString(v.isDevrelease()));
    }
}
