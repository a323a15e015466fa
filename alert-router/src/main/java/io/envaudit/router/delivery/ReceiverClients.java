package io.envaudit.router.delivery;

import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.RoutesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clients of a routes file's receivers, as the router and a replay of its dead letters post with them:
 * one HTTP client for all, through the proxy the environment names ({@link EnvironmentProxy}), TLS verified
 * by the JVM's trust store, no redirect followed (a receiver that redirects is misconfigured, and its
 * answer says so).
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
        HttpClient http = HttpClient.newBuilder()
                .proxy(proxy)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String userAgent = "envaudit-router/" + version();
        Map<String, ReceiverClient> clients = new LinkedHashMap<>();
        for (ReceiverConfig receiver : routes.receivers().values()) {
            clients.put(receiver.name(), new ReceiverClient(receiver, http, userAgent));
        }
        return Collections.unmodifiableMap(clients);
    }

    private static String version() {
        String version = ReceiverClients.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
