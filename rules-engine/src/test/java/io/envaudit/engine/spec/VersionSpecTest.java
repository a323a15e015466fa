package io.envaudit.engine.spec;

import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grammar of a spec is explicit and its own rules apply as written; the ordering is the installed
 * record's. Each case below is one where getting either half wrong changes the answer.
 */
class VersionSpecTest {

    @ParameterizedTest(name = "{0} spec ''{1}'' on {2} record {3} -> {4}")
    @CsvSource(delimiter = ';', textBlock = """
            # same grammar as the record: the reference semantics
            pep440 ; <3.20 ; pep440 ; 4.21.5 ; false
            pep440 ; <3.20 ; pep440 ; 3.19.6 ; true
            conda ; >=1.20,<2|1.19.* ; conda ; 1.19.5 ; true
            conda ; 1.0.2* ; conda ; 1.0.2k ; true
            # PEP 440's own rule on a conda record: <2.11 excludes the pre-releases of 2.11
            pep440 ; <2.11 ; conda ; 2.11.0rc1 ; false
            pep440 ; <2.11 ; conda ; 2.10.1 ; true
            pep440 ; <3.20 ; conda ; 4.21.12 ; false
            # conda's rules on a pip record: a plain '<' does not exclude pre-releases of 2
            conda ; >=1.20,<2 ; pep440 ; 2.0.0rc1 ; true
            conda ; >=1.20,<2 ; pep440 ; 2.0.0 ; false
            conda ; 1.7.* ; pep440 ; 1.7.3 ; true
            conda ; 1.7.* ; pep440 ; 1.70 ; false
            conda ; ~=1.10 ; pep440 ; 1.11.0 ; true
            conda ; !=1.7.*|>=3 ; pep440 ; 1.7.1 ; false
            # the record's ordering decides: 1.0-1 is a post release for PEP 440, 1.0_1 for conda
            pep440 ; ==1.0.post1 ; pep440 ; 1.0-1 ; true
            pep440 ; ==1.0.post1 ; conda ; 1.0-1 ; false
            # and conda orders an openssl letter before the plain release, where PEP 440 cannot read it at all
            pep440 ; <1.0.2 ; conda ; 1.0.2k ; true
            # local labels: PEP 440 ignores the record's unless the spec names one, on either ordering
            pep440 ; ==2.1.0 ; pep440 ; 2.1.0+cu121 ; true
            pep440 ; ==2.1.0 ; conda ; 2.1.0+cu121 ; true
            pep440 ; ==2.1.0+cu118 ; pep440 ; 2.1.0+cu121 ; false
            pep440 ; ~=2.1 ; conda ; 2.4.1 ; true
            pep440 ; ~=2.1.0 ; conda ; 2.2.0 ; false
            pep440 ; ==2.* ; conda ; 2.17.0 ; true
            pep440 ; ===2.17.0 ; conda ; 2.17.0 ; true
            pep440 ; >2.0 ; conda ; 2.0.post1 ; false
            pep440 ; >2.0 ; conda ; 2.0+cu121 ; false
            pep440 ; <=2.1 ; conda ; 2.1+cu121 ; true
            pep440 ; ==2.* ; conda ; 3.0 ; false
            # ~= takes packaging's prefix on either ordering, suffix spellings included
            pep440 ; ~=2.2.pre1 ; pep440 ; 2.3 ; false
            pep440 ; ~=2.2.pre1 ; conda ; 2.3 ; false
            pep440 ; ~=2.2.post3 ; conda ; 2.9 ; true
            # conda's ~= drops the last part of the operand, on either ordering
            conda ; ~=1.4.post1 ; conda ; 1.9 ; false
            conda ; ~=1.4.post1 ; pep440 ; 1.9 ; false
            conda ; ~=1.4.5 ; pep440 ; 1.4.9 ; true
            conda ; ~=1.4.5 ; pep440 ; 1.5.0 ; false
            """)
    void grammarIsTheSpecsAndOrderingIsTheRecords(String grammar, String spec, String recordFlavor, String version,
                                                   boolean expected) {
        VersionSpec parsed = VersionSpec.parse(Flavor.fromLabel(grammar), spec);
        InstalledVersion record = InstalledVersion.parse(Flavor.fromLabel(recordFlavor), version);
        assertEquals(expected, parsed.matches(record));
    }

    @Test
    void aCondaOperandThatPep440CannotReadIsAnErrorOnPipRecordsNotAGuess() {
        VersionSpec openssl = VersionSpec.parse(Flavor.CONDA, ">=1.0.2k");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> openssl.matches(InstalledVersion.parse(Flavor.PEP440, "1.1.1")));
        assertTrue(e.getMessage().contains("1.0.2k") && e.getMessage().contains("1.1.1"), e.getMessage());
        assertTrue(openssl.matches(InstalledVersion.parse(Flavor.CONDA, "1.0.2l")));
    }

    @Test
    void aCondaPrefixThatIsNotAReleaseIsAnErrorSayingSo() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> VersionSpec.parse(Flavor.CONDA, "=1.0a").matches(InstalledVersion.parse(Flavor.PEP440, "1.0a1")));
        assertTrue(e.getMessage().contains("cannot be a prefix"), e.getMessage());
    }

    @Test
    void versionsCompareOnlyWithinOneFlavor() {
        InstalledVersion pip = InstalledVersion.parse(Flavor.PEP440, "1.0");
        InstalledVersion conda = InstalledVersion.parse(Flavor.CONDA, "1.0");
        assertThrows(IllegalArgumentException.class, () -> pip.compareTo(conda));
        assertEquals(0, conda.compareTo(InstalledVersion.parse(Flavor.CONDA, "1.0.0")));
        // each flavor its own ordering: PEP 440 reads 1.0-1 as 1.0.post1, conda as 1.0_1
        assertEquals(0, InstalledVersion.parse(Flavor.PEP440, "1.0-1").compareTo(InstalledVersion.parse(Flavor.PEP440, "1.0.post1")));
        assertTrue(InstalledVersion.parse(Flavor.CONDA, "1.0-1").compareTo(InstalledVersion.parse(Flavor.CONDA, "1.0.post1")) != 0);
    }
}
