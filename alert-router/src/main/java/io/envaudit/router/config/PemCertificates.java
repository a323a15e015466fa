package io.envaudit.router.config;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The certificates of a PEM file, as {@code openssl} and {@code keytool -exportcert -rfc} write them: one or
 * more {@code -----BEGIN CERTIFICATE-----} blocks of base64. Text outside the blocks (the {@code subject=}
 * lines openssl writes, comments) is passed over, as every TLS tool does; any other block, a private key
 * above all, is refused rather than ignored, since a CA file that holds one is not the file that was meant.
 */
final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    /** Why a PEM text cannot be read, with the certificate's number and the line. */
    static final class MalformedPemException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPemException(String message) {
            super(message);
        }
    }

    private PemCertificates() {
    }

    /** Every certificate, in order; an empty list when the text holds no block at all. */
    static List<X509Certificate> parse(String text) throws MalformedPemException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> lines = text.lines().toList();
        StringBuilder base64 = null;
        int begun = 0;
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String line = lines.get(index).strip();
            if (base64 == null) {
                if (line.equals(BEGIN)) {
                    base64 = new StringBuilder();
                    begun = lineNumber;
                } else if (line.startsWith("-----BEGIN ")) {
                    throw new MalformedPemException("line " + lineNumber + ": " + line + " is not a certificate; a CA file holds "
                            + BEGIN + " blocks only");
                } else if (line.startsWith("-----END ")) {
                    throw new MalformedPemException("line " + lineNumber + ": " + line + " ends a block that did not begin");
                }
            } else if (line.equals(END)) {
                certificates.add(certificate(base64.toString(), which(certificates) + " (lines " + begun + "-" + lineNumber + ")"));
                base64 = null;
            } else if (line.startsWith("-----")) {
                throw new MalformedPemException(which(certificates) + " (from line " + begun + "): line " + lineNumber + " is " + line
                        + " where " + END + " was due");
            } else if (!BASE64_LINE.matcher(line).matches()) {
                throw new MalformedPemException(which(certificates) + " (from line " + begun + "): line " + lineNumber + " is not base64");
            } else {
                base64.append(line);
            }
        }
        if (base64 != null) {
            throw new MalformedPemException(which(certificates) + " (from line " + begun + ") has no " + END + " line");
        }
        return certificates;
    }

    /** The next certificate, by its number in the file. */
    private static String which(List<X509Certificate> read) {
        return "certificate " + (read.size() + 1);
    }

    private static X509Certificate certificate(String base64, String which) throws MalformedPemException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedPemException(which + ": the base64 does not decode: " + e.getMessage());
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK reads X.509 certificates", e);
        }
        try {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new MalformedPemException(which + ": not an X.509 certificate: " + e.getMessage());
        }
    }
}
