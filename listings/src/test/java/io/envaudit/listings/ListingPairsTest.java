package io.envaudit.listings;

import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.names.PackageName;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One environment in two formats (PROVENANCE.md): read apart, they agree on the version of every distribution
 * both show. (The epilepsy pair was committed two months apart and differs, so it is not one of them.)
 */
class ListingPairsTest {

    @ParameterizedTest
    @CsvSource({
        "hetgnn-condaforge-tf211-cpu-protobuf421-condalist.txt, hetgnn-condaforge-tf211-cpu-protobuf421-env-export.yml, 184",
        "food101-pytorch241-cu118-cudaversion126-conda-export.txt, food101-pytorch241-cu118-same-env-pip-freeze.txt, 12"})
    void bothFormatsGiveTheSameVersions(String one, String other, int shared) {
        Map<String, Set<String>> a = versions(RealEnvs.read(one));
        Map<String, Set<String>> b = versions(RealEnvs.read(other));
        Map<String, String> disagreements = new TreeMap<>();
        a.keySet().stream().filter(b::containsKey).filter(d -> !a.get(d).equals(b.get(d)))
                .forEach(d -> disagreements.put(d, a.get(d) + " vs " + b.get(d)));
        assertEquals(Map.of(), disagreements);
        assertEquals(shared, a.keySet().stream().filter(b::containsKey).count(), "distributions in both");
    }

    /** Distribution (conda names through the name map) → the versions the listing shows of it. */
    private static Map<String, Set<String>> versions(ParsedListing listing) {
        Map<String, Set<String>> versions = new TreeMap<>();
        for (InstalledPackage p : listing.packages()) {
            String distribution = p.getInstaller() == Installer.CONDA
                    ? NameMap.builtIn().pypiNameOfConda(p.getName()) : PackageName.normalize(p.getName());
            versions.computeIfAbsent(distribution, k -> new TreeSet<>()).add(p.getVersion());
        }
        return versions;
    }
}
