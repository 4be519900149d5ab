package dev.vigil.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches an OIDC issuer's signing keys: its discovery document ({@code /.well-known/openid-configuration}), then the
 * key set it names. Bounded in every way a remote can stretch: connect timeout, one deadline for the whole answer, at
 * most {@link #MAX_BYTES}, no redirects, and keys only from the issuer's own host (or the configured key URL).
 */
final class JwksClient {

    /** Key sets are a few kilobytes; GitHub's is under 10. */
    static final int MAX_BYTES = 256 * 1024;

    /** Why keys could not be had; the message is safe to show a caller (no secret, the issuer's URL at most). */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    JwksClient(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The key set URL of the issuer's discovery document, which must be on the issuer's own host. */
    URI discover(OidcIssuer issuer) throws Unavailable {
        String base = issuer.issuer().toString().replaceAll("/+$", "");
        URI document = URI.create(base + "/.well-known/openid-configuration");
        Object jwksUri;
        try {
            jwksUri = JSONObjectUtils.parse(get(document)).get("jwks_uri");
        } catch (ParseException e) {
            throw new Unavailable("the discovery document " + document + " is not JSON");
        }
        if (!(jwksUri instanceof String text)) {
            throw new Unavailable("the discovery document " + document + " names no jwks_uri");
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new Unavailable("the discovery document " + document + " has an invalid jwks_uri");
        }
        if (!issuer.issuer().getScheme().equals(uri.getScheme()) || !issuer.issuer().getHost().equals(uri.getHost())
                || issuer.issuer().getPort() != uri.getPort()) {
            // The issuer's host is the allow-list: a discovery document pointing elsewhere is not followed.
            throw new Unavailable("the discovery document " + document + " names keys on another host; configure"
                    + " jwks-uri to trust it");
        }
        return uri;
    }

    JWKSet keys(URI uri) throws Unavailable {
        try {
            return JWKSet.parse(get(uri));
        } catch (ParseException e) {
            throw new Unavailable("the key set at " + uri + " is not a JWK set");
        }
    }

    private String get(URI uri) throws Unavailable {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).header("Accept", "application/json")
                .GET().build();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> bounded());
        HttpResponse<byte[]> response;
        try {
            response = answer.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new Unavailable("no complete answer from " + uri + " within " + connectTimeout.plus(readTimeout));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while fetching " + uri);
        } catch (ExecutionException e) {
            throw new Unavailable(failure(uri, e.getCause()));
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("HTTP " + response.statusCode() + " from " + uri);
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private String failure(URI uri, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect to " + uri + " within " + connectTimeout;
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer from " + uri + " within " + readTimeout;
        }
        if (cause instanceof ConnectException) {
            return "could not connect to " + uri + " (connection refused)";
        }
        if (cause instanceof TooLarge) {
            return "the answer of " + uri + " is larger than " + MAX_BYTES + " bytes";
        }
        return "could not fetch " + uri + " (" + cause.getClass().getSimpleName() + ")";
    }

    private static final class TooLarge extends IOException {
    }

    /** Collects the body, giving up (and cancelling the exchange) past {@link #MAX_BYTES}. */
    private static BodySubscriber<byte[]> bounded() {
        BodySubscriber<byte[]> all = BodySubscribers.ofByteArray();
        return new BodySubscriber<>() {
            private Flow.Subscription subscription;
            private long seen;
            private boolean stopped;

            @Override
            public CompletionStage<byte[]> getBody() {
                return all.getBody();
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                all.onSubscribe(s);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (stopped) {
                    return;
                }
                seen += items.stream().mapToLong(ByteBuffer::remaining).sum();
                if (seen > MAX_BYTES) {
                    stopped = true;
                    subscription.cancel();
                    all.onError(new TooLarge());
                    return;
                }
                all.onNext(items);
            }

            @Override
            public void onError(Throwable t) {
                if (!stopped) {
                    all.onError(t);
                }
            }

            @Override
            public void onComplete() {
                if (!stopped) {
                    all.onComplete();
                }
            }
        };
    }
}
