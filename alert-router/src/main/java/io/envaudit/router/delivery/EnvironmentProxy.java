package io.envaudit.router.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy as curl and most tools take it from the environment: {@code HTTPS_PROXY} for https URLs,
 * {@code HTTP_PROXY} for http ones (either in lower case too), except for the hosts of {@code NO_PROXY}
 * (comma-separated names, each matching itself and its subdomains; {@code *} for all). The proxy is an
 * http proxy ({@code http://host:port} or {@code host:port}); TLS to the receiver goes through it in a
 * CONNECT tunnel and is verified as without a proxy.
 */
public final class EnvironmentProxy extends ProxySelector {
    private final Proxy https;
    private final Proxy http;
    private final List<String> noProxy;

    private EnvironmentProxy(Proxy https, Proxy http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /** @throws IllegalArgumentException naming the variable when it holds no usable proxy address */
    public static EnvironmentProxy from(Map<String, String> environment) {
        return new EnvironmentProxy(proxy(environment, "HTTPS_PROXY"), proxy(environment, "HTTP_PROXY"),
                Arrays.stream(variable(environment, "NO_PROXY").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = environment.get(name.toLowerCase(Locale.ROOT));
        }
        return value == null ? "" : value.strip();
    }

    private static Proxy proxy(Map<String, String> environment, String name) {
        String value = variable(environment, name);
        if (value.isEmpty()) {
            return Proxy.NO_PROXY;
        }
        URI uri;
        try {
            uri = new URI(value.contains("://") ? value : "http://" + value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a proxy address (http://host:port)");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http proxy, http://host:port");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(name + " carries credentials, which this router cannot send to a proxy;"
                    + " use a proxy that needs none");
        }
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort()));
    }

    /** Whether any proxy is set: worth saying at start. */
    public boolean configured() {
        return https != Proxy.NO_PROXY || http != Proxy.NO_PROXY;
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (bypassed(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of("https".equalsIgnoreCase(uri.getScheme()) ? https : http);
    }

    private boolean bypassed(String host) {
        for (String entry : noProxy) {
            String name = entry.startsWith(".") ? entry.substring(1) : entry;
            if (entry.equals("*") || host.equals(name) || host.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // the request fails and is retried like any other failure; nothing to remember here
    }
}
