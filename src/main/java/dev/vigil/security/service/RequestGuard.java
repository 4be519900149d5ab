package dev.vigil.security.service;

import dev.vigil.security.ApiToken;
import dev.vigil.security.AuthFailures;
import dev.vigil.security.OidcVerifier;
import dev.vigil.security.Principal;
import dev.vigil.security.RateLimiter;
import dev.vigil.security.TokenService;
import dev.vigil.web.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The first thing every {@code /api/} request meets, before its body is read: a blocked address is refused (429);
 * a body over its endpoint's limit (413), or of unknown length where a body is expected (411); a request without a
 * valid bearer token (401; an invalid one is counted against its address, and too many block it), which is an API
 * token or, when issuers are configured, a CI pipeline's OIDC ID token (403 when no claim rule lets it in); then the
 * rate limits of its kind, per token or pipeline identity and per client address (429 with {@code Retry-After}). Only Flagger's webhook may
 * come without a header, since Flagger sends its token in the body: {@code FlaggerResource} checks it and counts its
 * failures in the same {@link AuthFailures}. Every refusal is an RFC 7807 problem.
 *
 * <p>The client address is the connection's peer, or what a trusted proxy says when Quarkus is told to believe it
 * ({@code quarkus.http.proxy.*}).
 */
@ApplicationScoped
public class RequestGuard {

    private static final Logger LOG = Logger.getLogger(RequestGuard.class);
    private static final String BEARER = "Bearer ";
    /** The routing-context key of the {@link Principal} a request authenticated as. */
    static final String PRINCIPAL = "vigil.principal";

    private final TokenService tokens;
    private final OidcVerifier oidc;
    private final AuthFailures failures;
    private final SecurityConfig config;
    private final GuardMetrics metrics;
    private final Map<ApiEndpoint.RateClass, RateLimiter> limiters = new EnumMap<>(ApiEndpoint.RateClass.class);

    public RequestGuard(TokenService tokens, OidcVerifier oidc, AuthFailures failures, SecurityConfig config,
                        GuardMetrics metrics, Clock clock) {
        this.tokens = tokens;
        this.oidc = oidc;
        this.failures = failures;
        this.config = config;
        this.metrics = metrics;
        SecurityConfig.RateLimits r = config.rateLimit();
        Map<ApiEndpoint.RateClass, Long> requests = Map.of(ApiEndpoint.RateClass.INGEST, r.ingest(),
                ApiEndpoint.RateClass.GATE, r.gate(), ApiEndpoint.RateClass.EXPENSIVE, r.expensive(),
                ApiEndpoint.RateClass.OTHER, r.other());
        requests.forEach((kind, n) -> limiters.put(kind, new RateLimiter(new RateLimiter.Limit(n, r.per()), r.maxKeys(), clock)));
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.startsWith("/api/") && !path.equals("/v1/metrics")) { // /v1/metrics: OTLP/HTTP's fixed path
            ctx.next();
            return;
        }
        String method = ctx.request().method().name();
        ApiEndpoint endpoint = ApiEndpoint.of(method, path);
        String address = address(ctx);
        if (config.rateLimit().enabled()) {
            Optional<Duration> blocked = failures.blocked(address);
            if (blocked.isPresent()) {
                metrics.limited("auth_block");
                tooMany(ctx, blocked.get(), "too many failed authentications from this address; try again later");
                return;
            }
        }
        if (!bodyAllowed(ctx, method, endpoint)) {
            return;
        }
        Optional<String> bearer = bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (bearer.isEmpty()) {
            if (endpoint == ApiEndpoint.FLAGGER) {
                limitThenNext(ctx, endpoint, null, address); // its token is in the body: FlaggerResource checks it
            } else {
                unauthorized(ctx);
            }
            return;
        }
        ctx.request().pause(); // the body waits (Quarkus REST resumes it when it reads) until the token is known
        if (oidc.accepts(bearer.get())) {
            ctx.vertx().executeBlocking(() -> oidc.verify(bearer.get()), false).onComplete(result -> {
                if (result.failed()) {
                    ctx.fail(result.cause());
                } else {
                    idToken(ctx, endpoint, address, path, result.result());
                }
            });
            return;
        }
        ctx.vertx().executeBlocking(() -> tokens.check(bearer.get()), false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
            } else {
                TokenService.Check check = result.result();
                switch (check.outcome()) {
                    case VALID -> authenticated(ctx, endpoint, Principal.of(check.token()), "token:" + check.token().id(),
                            address);
                    case EXPIRED -> expired(ctx, address, path, check.token());
                    case UNKNOWN -> authenticationFailed(ctx, address, path);
                }
            }
        });
    }

    /**
     * A CI pipeline's ID token. Its holder learns why it was refused (the reasons name claims and issuers, never the
     * token). An invalid or unauthorized one counts against the address like a wrong API token; an issuer whose keys
     * cannot be fetched is not the caller's fault and is not counted.
     */
    private void idToken(RoutingContext ctx, ApiEndpoint endpoint, String address, String path, OidcVerifier.Verdict verdict) {
        metrics.oidc(verdict.kind());
        switch (verdict.kind()) {
            case VALID -> authenticated(ctx, endpoint, verdict.principal(), "oidc:" + verdict.principal().name(), address);
            case INVALID, UNAVAILABLE -> {
                if (verdict.kind() == OidcVerifier.Kind.INVALID && config.rateLimit().enabled()) {
                    failures.failed(address);
                }
                LOG.warnf("authentication failed from %s on %s: %s", address, path, verdict.reason());
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\", error=\"invalid_token\"");
                refuse(ctx, Problem.of(401, "Invalid ID token", verdict.reason()));
            }
            case FORBIDDEN -> {
                if (config.rateLimit().enabled()) {
                    failures.failed(address);
                }
                LOG.warnf("ID token refused from %s on %s: %s", address, path, verdict.reason());
                refuse(ctx, Problem.of(403, "Forbidden", verdict.reason()));
            }
        }
    }

    /** Remembers who it is for the rest of the request (the authentication mechanism), then applies the rate limits. */
    private void authenticated(RoutingContext ctx, ApiEndpoint endpoint, Principal principal, String rateKey,
            String address) {
        ctx.put(PRINCIPAL, principal);
        limitThenNext(ctx, endpoint, rateKey, address);
    }

    /** Counts a failed authentication of {@code address} and logs it (and the block it may cause); answers 401. */
    private void authenticationFailed(RoutingContext ctx, String address, String path) {
        boolean nowBlocked = config.rateLimit().enabled() && failures.failed(address);
        if (nowBlocked) {
            LOG.warnf("authentication failed from %s on %s: address blocked for %s after too many failures", address,
                    path, config.rateLimit().authBlock());
        } else {
            LOG.warnf("authentication failed from %s on %s: unknown or revoked token", address, path);
        }
        unauthorized(ctx);
    }

    /**
     * An expired token is a failed authentication too (counted the same), but its holder learns why: only the holder
     * of the secret can get this answer, so it tells nobody else that the token exists.
     */
    private void expired(RoutingContext ctx, String address, String path, ApiToken token) {
        if (config.rateLimit().enabled()) {
            failures.failed(address);
        }
        LOG.warnf("authentication failed from %s on %s: token %s expired at %s", address, path, token.id(),
                token.expiresAt());
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\", error=\"invalid_token\"");
        refuse(ctx, Problem.of(401, "Token expired", "the bearer token expired at " + token.expiresAt()
                + "; ask an admin for a new one"));
    }

    /** @param rateKey who the per-caller limit counts: a token, or one pipeline's identity; null when not known yet */
    private void limitThenNext(RoutingContext ctx, ApiEndpoint endpoint, String rateKey, String address) {
        if (config.rateLimit().enabled()) {
            RateLimiter limiter = limiters.get(endpoint.rateClass);
            RateLimiter.Decision decision = rateKey == null ? RateLimiter.Decision.allowedNow() : limiter.acquire(rateKey);
            if (decision.allowed()) {
                decision = limiter.acquire("address:" + address);
            }
            if (!decision.allowed()) {
                metrics.limited(endpoint.rateClass.name().toLowerCase(java.util.Locale.ROOT));
                tooMany(ctx, decision.retryAfter(), "more than " + limiter.limit().requests() + " "
                        + endpoint.rateClass.name().toLowerCase(java.util.Locale.ROOT) + " requests per "
                        + limiter.limit().per() + " (vigil.security.rate-limit.*)");
                return;
            }
        }
        ctx.next();
    }

    private boolean bodyAllowed(RoutingContext ctx, String method, ApiEndpoint endpoint) {
        if (!ApiEndpoint.hasBody(method)) {
            return true;
        }
        long limit = endpoint.bodyLimit(config.bodyLimit());
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            String encoding = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (encoding != null && !encoding.isBlank()) {
                metrics.bodyRefused(endpoint, "length_required");
                refuse(ctx, Problem.of(411, "Length required", "send the body with a Content-Length (at most " + limit
                        + " bytes here); bodies of unknown length are not accepted"));
                return false;
            }
            return true;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = Long.MAX_VALUE;
        }
        if (declared > limit) {
            metrics.bodyRefused(endpoint, "too_large");
            refuse(ctx, Problem.of(413, "Payload too large", "the body has " + (declared == Long.MAX_VALUE ? "an invalid"
                    : declared) + " bytes; at most " + limit + " are accepted here (vigil.security.body-limit.*)"));
            return false;
        }
        return true;
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim()).filter(s -> !s.isEmpty());
    }

    static String address(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    private static void unauthorized(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
        refuse(ctx, Problem.of(401, "Unauthorized", "a valid bearer token is required: send 'Authorization: Bearer <token>'"));
    }

    private static void tooMany(RoutingContext ctx, Duration retryAfter, String detail) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        refuse(ctx, Problem.of(429, "Too many requests", detail + "; retry after " + seconds + " s"));
    }

    /** Answers without reading the body; the connection is closed, so an unread body cannot be taken as a request. */
    private static void refuse(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem.withInstance(ctx.normalizedPath())));
    }
}
