package io.envaudit.router.config;

import io.envaudit.engine.text.IoFailures;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads the CA files receivers name ({@code tls.ca_file}), relative to the routes file's folder as secret
 * files are, so that a routes file and what it names can move together. A problem names the file and what
 * in it is wrong; it is reported when the routes file is read, not at the first post.
 */
final class CaFileReader {
    private final Path directory;

    CaFileReader(Path directory) {
        this.directory = directory;
    }

    /** The file's certificates, or null (reported). */
    CaFile read(Node pathNode, String path, String what, YamlReader reader) {
        Path file = directory.resolve(path);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            reader.error(pathNode, "cannot read " + file + " (" + what + "): " + IoFailures.describe(e));
            return null;
        }
        List<X509Certificate> certificates;
        try {
            // PEM is ASCII; a binary (DER) file read so shows no block, which is said below
            certificates = PemCertificates.parse(new String(content, StandardCharsets.ISO_8859_1));
        } catch (PemCertificates.MalformedPemException e) {
            reader.error(pathNode, file + " (" + what + "): " + e.getMessage());
            return null;
        }
        if (certificates.isEmpty()) {
            reader.error(pathNode, file + " (" + what + ") holds no certificate: a CA file is PEM, one or more"
                    + " -----BEGIN CERTIFICATE----- blocks");
            return null;
        }
        return new CaFile(file, certificates);
    }
}
