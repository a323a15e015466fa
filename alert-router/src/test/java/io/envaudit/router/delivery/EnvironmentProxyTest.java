package io.envaudit.router.delivery;

import io.envaudit.router.WebhookServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentProxyTest {

    private static InetSocketAddress address(List<Proxy> proxies) {
        return (InetSocketAddress) proxies.get(0).address();
    }

    @Test
    void httpsUrlsGoThroughHttpsProxyAndHttpUrlsThroughHttpProxy() {
        EnvironmentProxy proxy = EnvironmentProxy.from(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "http_proxy", "plain.corp:8080"));
        assertTrue(proxy.configured());
        assertEquals("proxy.corp", address(proxy.select(URI.create("https://hooks.slack.com/services/x"))).getHostString());
        assertEquals(3128, address(proxy.select(URI.create("https://hooks.slack.com/services/x"))).getPort());
        assertEquals("plain.corp", address(proxy.select(URI.create("http://alertmanager:9093/"))).getHostString());
    }

    @Test
    void noProxyHostsAndTheirSubdomainsGoDirect() {
        EnvironmentProxy proxy = EnvironmentProxy.from(Map.of("HTTPS_PROXY", "proxy.corp:3128", "NO_PROXY", "localhost, .internal,corp.example"));
        assertEquals(List.of(Proxy.NO_PROXY), proxy.select(URI.create("https://am.internal/")));
        assertEquals(List.of(Proxy.NO_PROXY), proxy.select(URI.create("https://a.b.corp.example/")));
        assertEquals(List.of(Proxy.NO_PROXY), proxy.select(URI.create("https://corp.example/")));
        assertEquals(Proxy.Type.HTTP, proxy.select(URI.create("https://notcorp.example/")).get(0).type());
        assertEquals(List.of(Proxy.NO_PROXY), EnvironmentProxy.from(Map.of("HTTPS_PROXY", "p:1", "no_proxy", "*"))
                .select(URI.create("https://anything/")));
    }

    @Test
    void withoutVariablesThereIsNoProxy() {
        EnvironmentProxy proxy = EnvironmentProxy.from(Map.of());
        assertFalse(proxy.configured());
        assertEquals(List.of(Proxy.NO_PROXY), proxy.select(URI.create("https://hooks.slack.com/")));
    }

    @Test
    void unusableProxiesAreRefusedNamingTheVariableNotItsValue() {
        IllegalArgumentException credentials = assertThrows(IllegalArgumentException.class,
                () -> EnvironmentProxy.from(Map.of("HTTPS_PROXY", "http://user:SECRET@proxy:3128")));
        assertTrue(credentials.getMessage().startsWith("HTTPS_PROXY carries credentials"), credentials.getMessage());
        assertFalse(credentials.getMessage().contains("SECRET"));
        IllegalArgumentException socks = assertThrows(IllegalArgumentException.class,
                () -> EnvironmentProxy.from(Map.of("HTTP_PROXY", "socks5://proxy:1080")));
        assertEquals("HTTP_PROXY must be an http proxy, http://host:port", socks.getMessage());
    }

    /** A real request through a loopback server acting as the proxy: it gets the absolute URL of a host that does not exist. */
    @Test
    void requestsReallyGoThroughTheProxy() throws Exception {
        try (WebhookServer proxyServer = WebhookServer.start()) {
            EnvironmentProxy proxy = EnvironmentProxy.from(Map.of("HTTP_PROXY", "127.0.0.1:" + proxyServer.url("/").getPort()));
            HttpClient http = HttpClient.newBuilder().proxy(proxy).version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://receiver.invalid/hooks/1"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("http://receiver.invalid/hooks/1", proxyServer.requests().get(0).path());
        }
    }
}
