package io.envaudit.router;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and a receiver's certificate signed by it, for {@code localhost} and {@code 127.0.0.1}, made
 * by the JDK's own {@code keytool} as an operator would: the receiver's key store (its key and chain), the
 * CA's certificate in PEM (a receiver's {@code tls.ca_file}) and a trust store holding only the CA, for
 * {@code -Djavax.net.ssl.trustStore}.
 */
public final class TestCertificates {
    public static final String PASSWORD = "envaudit-test";
    private static final String RECEIVER_NAMES = "dns:localhost,ip:127.0.0.1";

    private final Path dir;
    private final Path caKeyStore;
    private final Path caPem;
    private final Path receiverKeyStore;
    private final Path trustStore;

    private TestCertificates(Path dir, Path caKeyStore, Path caPem, Path receiverKeyStore, Path trustStore) {
        this.dir = dir;
        this.caKeyStore = caKeyStore;
        this.caPem = caPem;
        this.receiverKeyStore = receiverKeyStore;
        this.trustStore = trustStore;
    }

    /** Makes them in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path caPem = authority(ca, "envaudit test CA");
        Path receiver = signed(dir, ca, caPem, "receiver", RECEIVER_NAMES);
        Path trust = dir.resolve("truststore.p12");
        keytool("-importcert", "-noprompt", "-alias", "envaudit-test-ca", "-file", caPem.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new TestCertificates(dir, ca, caPem, receiver, trust);
    }

    /**
     * A CA of its own, with nothing signed by it, in {@code dir}: its certificate in PEM ({@code <name>.pem}),
     * a CA file that no receiver here chains to.
     */
    public static Path unrelatedAuthority(Path dir, String name) throws IOException, InterruptedException {
        return authority(dir.resolve(name + ".p12"), name);
    }

    /** The CA's certificate in PEM, as {@code keytool -exportcert -rfc} writes it. */
    public Path caPem() {
        return caPem;
    }

    /** What a receiver serves TLS with: its key and the chain up to the CA. */
    public SSLContext receiverContext() throws IOException, GeneralSecurityException {
        return serverContext(receiverKeyStore);
    }

    /** The same for a receiver whose certificate, from the same CA, names only {@code host}: any other name is not it. */
    public SSLContext receiverContextNaming(String host) throws IOException, GeneralSecurityException, InterruptedException {
        return serverContext(signed(dir, caKeyStore, caPem, "receiver-" + host, "dns:" + host));
    }

    /** The JVM options that make a JVM trust the CA (and nothing else). */
    public List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** A CA's key store ({@code keyStore}) and its certificate in PEM beside it; returns the PEM. */
    private static Path authority(Path keyStore, String commonName) throws IOException, InterruptedException {
        Path pem = keyStore.resolveSibling(keyStore.getFileName().toString().replaceFirst("\\.p12$", ".pem"));
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
                "-ext", "bc:c", "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-rfc", "-file", pem.toString(), "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        return pem;
    }

    /** A server's key store in {@code dir}: a key, and a certificate for {@code names} (a SAN) that the CA signed. */
    private static Path signed(Path dir, Path ca, Path caPem, String name, String names) throws IOException, InterruptedException {
        Path keyStore = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "server", "-file", request.toString(), "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        keytool("-gencert", "-alias", "ca", "-infile", request.toString(), "-outfile", certificate.toString(), "-rfc",
                "-validity", "2", "-ext", "san=" + names, "-ext", "eku=serverAuth", "-keystore", ca.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", keyStore.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-alias", "server", "-file", certificate.toString(), "-keystore", keyStore.toString(),
                "-storepass", PASSWORD);
        return keyStore;
    }

    private static SSLContext serverContext(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // short-lived JVMs, a dozen of them: no optimising compiler and the simplest collector start them fastest
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
