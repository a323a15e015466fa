package io.envaudit.router.delivery;

import io.envaudit.router.config.ReceiverConfig;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Posts JSON to one receiver and says what came of it ({@link PostResult}). The URL and the token go into
 * the request and nowhere else: every reason is passed through {@link ReceiverConfig#redact}.
 */
public final class ReceiverClient {
    /** How much of a refusal's body a reason quotes: Slack says {@code no_service}, {@code invalid_payload}... */
    static final int BODY_QUOTED = 200;

    private final ReceiverConfig receiver;
    private final HttpClient http;
    private final URI uri;
    private final String userAgent;

    public ReceiverClient(ReceiverConfig receiver, HttpClient http, String userAgent) {
        this.receiver = receiver;
        this.http = http;
        this.uri = receiver.postUri();
        this.userAgent = userAgent;
    }

    public ReceiverConfig receiver() {
        return receiver;
    }

    /**
     * @param idempotencyKey the notification's id, sent as {@code Idempotency-Key} so that an endpoint can
     *                       recognise a re-post
     * @throws InterruptedException when the router is stopping
     */
    public PostResult post(String body, String idempotencyKey) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(receiver.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        receiver.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token.reveal()));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new PostResult.Rejected("the request cannot be made: " + safe(e));
        } catch (HttpTimeoutException e) {
            return new PostResult.Retry("no answer within " + receiver.timeout().toMillis() + " ms", Optional.empty());
        } catch (SSLException e) {
            Optional<Throwable> refused = certificateProblem(e);
            if (refused.isPresent()) {
                return new PostResult.Rejected("TLS: the receiver's certificate is not accepted (" + safe(refused.get()) + "); "
                        + trustHint());
            }
            return new PostResult.Retry("TLS failed: " + safe(e), Optional.empty());
        } catch (IOException e) {
            return new PostResult.Retry("the connection failed: " + safe(e), Optional.empty());
        }
        return classify(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"), Instant.now());
    }

    PostResult classify(int status, String body, Optional<String> retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return new PostResult.Delivered(status);
        }
        String answer = "HTTP " + status + quoted(body);
        if (status == 429) {
            return new PostResult.Retry(answer + " (rate limited)", retryAfter.flatMap(value -> parseRetryAfter(value, now)));
        }
        if (status >= 500 || status == 408) {
            return new PostResult.Retry(answer, Optional.empty());
        }
        if (status >= 300 && status < 400) {
            return new PostResult.Rejected(answer + ": the receiver's URL redirects; give the URL it redirects to");
        }
        return new PostResult.Rejected(answer + ": the receiver refused the message; check its URL, token and payload type");
    }

    /**
     * The certificate check that failed the handshake, if that is why it failed: a certificate no trusted CA
     * signed, one for another host name, one expired. That is the deployment's to fix, not the network's,
     * so it is not retried; a handshake cut short (a reset) is.
     */
    static Optional<Throwable> certificateProblem(SSLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException
                    || cause instanceof CertPathBuilderException) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    /** Where the CA that signed the receiver's certificate must be for the post to go through. */
    private String trustHint() {
        return receiver.caFile()
                .map(caFile -> "it must chain to a CA of the receiver's tls.ca_file, " + caFile.path() + ", and name the URL's host")
                .orElse("for a private CA, give the receiver a tls.ca_file that holds it, or start the router with a trust store"
                        + " that does (javax.net.ssl.trustStore, docs/router.md)");
    }

    /** Retry-After is whole seconds or an HTTP date (RFC 9110 10.2.3); anything else is ignored. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String quoted(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        String cut = oneLine.length() > BODY_QUOTED ? oneLine.substring(0, BODY_QUOTED) + "..." : oneLine;
        return " '" + receiver.redact(cut) + "'";
    }

    private String safe(Throwable e) {
        String message = e.getMessage();
        return receiver.redact(e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
