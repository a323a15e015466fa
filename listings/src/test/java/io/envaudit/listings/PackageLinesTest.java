package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The line each package of a real listing is recorded on: the one that names it, one package per line. */
class PackageLinesTest {

    static List<RealEnvs.Expectation> expectations() {
        return RealEnvs.expectations();
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void everyPackageIsRecordedOnTheLineThatNamesIt(RealEnvs.Expectation expected) {
        ParsedListing listing = RealEnvs.read(expected.file());
        List<String> lines = RealEnvs.text(expected.file()).lines();
        assertEquals(listing.packages().size(), listing.packageLines().size());
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < listing.packages().size(); i++) {
            InstalledPackage p = listing.packages().get(i);
            int line = listing.packageLines().get(i);
            assertTrue(line >= 1 && line <= lines.size(), p.getName() + " on line " + line);
            String text = lines.get(line - 1);
            // an editable install pip freeze gives no name is named by the comment pip writes above it
            String named = line > 1 && lines.get(line - 2).startsWith("# Editable install") ? lines.get(line - 2) + "\n" + text : text;
            assertTrue(named.toLowerCase(Locale.ROOT).contains(p.getName().toLowerCase(Locale.ROOT)),
                    p.getName() + " " + p.getVersion() + " recorded on line " + line + ": " + named);
            assertTrue(used.add(line), "two packages recorded on line " + line + ": " + text);
        }
    }
}
