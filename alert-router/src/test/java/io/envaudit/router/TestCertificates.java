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
 * by the JDK's own {@code keytool} as an operator would: the receiver's key store (its key and chain) and a
 * trust store holding only the CA, for {@code -Djavax.net.ssl.trustStore}.
 */
public final class TestCertificates {
    public static final String PASSWORD = "envaudit-test";

    private final Path receiverKeyStore;
    private final Path trustStore;

    private TestCertificates(Path receiverKeyStore, Path trustStore) {
        this.receiverKeyStore = receiverKeyStore;
        this.trustStore = trustStore;
    }

    /** Makes them in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path caCert = dir.resolve("ca.pem");
        Path receiver = dir.resolve("receiver.p12");
        Path request = dir.resolve("receiver.csr");
        Path receiverCert = dir.resolve("receiver.pem");
        Path trust = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=envaudit test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-rfc", "-file", caCert.toString(), "-keystore", ca.toString(), "-storepass", PASSWORD);
        keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", receiver.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "receiver", "-file", request.toString(), "-keystore", receiver.toString(), "-storepass", PASSWORD);
        keytool("-gencert", "-alias", "ca", "-infile", request.toString(), "-outfile", receiverCert.toString(), "-rfc",
                "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth",
                "-keystore", ca.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", receiver.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-alias", "receiver", "-file", receiverCert.toString(), "-keystore", receiver.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "envaudit-test-ca", "-file", caCert.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new TestCertificates(receiver, trust);
    }

    /** What a receiver serves TLS with: its key and the chain up to the CA. */
    public SSLContext receiverContext() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(receiverKeyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** The JVM options that make a JVM trust the CA (and nothing else). */
    public List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // eight short-lived JVMs: no optimising compiler and the simplest collector start them fastest
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
