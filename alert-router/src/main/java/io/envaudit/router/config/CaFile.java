package io.envaudit.router.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A receiver's {@code tls.ca_file}: the CAs its server certificate must chain to, in place of the JVM's
 * trust store (as Alertmanager's {@code tls_config.ca_file} does), read and checked when the routes file is.
 *
 * @param path         the file, resolved against the routes file's folder: for messages
 * @param certificates at least one, in the file's order
 */
public record CaFile(Path path, List<X509Certificate> certificates) {

    public CaFile {
        certificates = List.copyOf(certificates);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
