package io.envaudit.router.delivery;

import io.envaudit.router.config.CaFile;
import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.RoutesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients of a routes file's receivers, as the router and a replay of its dead letters post with them:
 * through the proxy the environment names ({@link EnvironmentProxy}), no redirect followed (a receiver that
 * redirects is misconfigured, and its answer says so), TLS verified by the JVM's trust store — or, for a
 * receiver with a {@code tls.ca_file}, by that file's CAs alone. Receivers that trust alike share an HTTP
 * client (and its connections): one for the JVM's trust store, one per CA file.
 */
public final class ReceiverClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverClients.class);

    private ReceiverClients() {
    }

    /**
     * @param environment where {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} are read
     * @return by receiver name, in the file's order
     * @throws IllegalArgumentException naming the variable when a proxy variable holds no usable proxy
     */
    public static Map<String, ReceiverClient> of(RoutesConfig routes, Map<String, String> environment) {
        EnvironmentProxy proxy = EnvironmentProxy.from(environment);
        if (proxy.configured()) {
            LOG.info("posting through the proxies HTTPS_PROXY and HTTP_PROXY name, except to the hosts of NO_PROXY");
        }
        HttpClient jvmTrust = http(proxy).build();
        Map<CaFile, HttpClient> byCaFile = new HashMap<>();
        String userAgent = "envaudit-router/" + version();
        Map<String, ReceiverClient> clients = new LinkedHashMap<>();
        for (ReceiverConfig receiver : routes.receivers().values()) {
            HttpClient http = jvmTrust;
            if (receiver.caFile().isPresent()) {
                CaFile caFile = receiver.caFile().get();
                http = byCaFile.computeIfAbsent(caFile, file -> http(proxy).sslContext(trusting(file)).build());
                LOG.info("receiver '{}': TLS trusts only the CAs of {}", receiver.name(), caFile.path());
            }
            clients.put(receiver.name(), new ReceiverClient(receiver, http, userAgent));
        }
        return Collections.unmodifiableMap(clients);
    }

    private static HttpClient.Builder http(EnvironmentProxy proxy) {
        return HttpClient.newBuilder()
                .proxy(proxy)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    /**
     * A TLS context whose trust anchors are the CA file's certificates and nothing else. The HTTP client still
     * checks that the certificate names the URL's host: only where the chain must end changes.
     */
    private static SSLContext trusting(CaFile caFile) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            List<X509Certificate> certificates = caFile.certificates();
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("ca-" + (i + 1), certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // an empty in-memory key store and the JDK's default algorithms: nothing here depends on the file
            throw new IllegalStateException("cannot make a TLS context trusting " + caFile.path(), e);
        }
    }

    private static String version() {
        String version = ReceiverClients.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
