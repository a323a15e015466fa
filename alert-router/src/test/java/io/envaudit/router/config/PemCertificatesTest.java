package io.envaudit.router.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PEM mistakes that hand-made bundles have, named by line (the certificates themselves: {@link RoutesFileTlsTest}). */
class PemCertificatesTest {
    @Test
    void aBundleThatLostAnEndLineSaysWhereTheNextBlockBegan() {
        String text = "-----BEGIN CERTIFICATE-----\nQUJD\n-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n";
        PemCertificates.MalformedPemException e = assertThrows(PemCertificates.MalformedPemException.class,
                () -> PemCertificates.parse(text));
        assertEquals("certificate 1 (from line 1): line 3 is -----BEGIN CERTIFICATE----- where -----END CERTIFICATE----- was due",
                e.getMessage());
    }

    @Test
    void anEndWithoutItsBeginIsNamed() {
        PemCertificates.MalformedPemException e = assertThrows(PemCertificates.MalformedPemException.class,
                () -> PemCertificates.parse("# corporate CA\n-----END CERTIFICATE-----\n"));
        assertEquals("line 2: -----END CERTIFICATE----- ends a block that did not begin", e.getMessage());
    }

    @Test
    void textWithoutBlocksHoldsNoCertificate() throws Exception {
        assertEquals(0, PemCertificates.parse("subject=CN = corp\n\n# nothing pasted yet\n").size());
    }
}
