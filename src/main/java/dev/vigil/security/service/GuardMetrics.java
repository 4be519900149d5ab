package dev.vigil.security.service;

import dev.vigil.security.AuthFailures;
import dev.vigil.security.OidcVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Refusals of the request guard at /q/metrics: {@code vigil_http_rate_limited_total{limit}} (ingest, gate,
 * expensive, other, auth_block), {@code vigil_http_body_refused_total{endpoint,reason}},
 * {@code vigil_auth_failures_total}, {@code vigil_auth_blocks_total} and
 * {@code vigil_oidc_verifications_total{result}} (valid, invalid, forbidden, unavailable). Labels are closed sets.
 */
@ApplicationScoped
public class GuardMetrics {

    private final MeterRegistry registry;
    private final List<Meter> functionCounters;

    public GuardMetrics(MeterRegistry registry, AuthFailures failures) {
        this.registry = registry;
        this.functionCounters = List.of(
                FunctionCounter.builder("vigil_auth_failures", failures, AuthFailures::failuresSeen)
                        .description("Requests with an unknown, revoked or expired token or an ID token refused")
                        .register(registry),
                FunctionCounter.builder("vigil_auth_blocks", failures, AuthFailures::blocksImposed)
                        .description("Client addresses blocked after too many failed authentications").register(registry));
    }

    /**
     * The counters read the {@link AuthFailures} bean when scraped: they leave with the application, so a registry
     * that outlives it (an application restarted in the same JVM, as tests do) never asks a stopped container.
     */
    @PreDestroy
    void unregister() {
        functionCounters.forEach(registry::remove);
    }

    void limited(String limit) {
        Counter.builder("vigil_http_rate_limited").description("Requests refused with 429 by a rate limit")
                .tag("limit", limit).register(registry).increment();
    }

    void oidc(OidcVerifier.Kind result) {
        Counter.builder("vigil_oidc_verifications").description("CI ID tokens verified, by result")
                .tag("result", result.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    void bodyRefused(ApiEndpoint endpoint, String reason) {
        Counter.builder("vigil_http_body_refused").description("Requests refused for their body size before it was read")
                .tag("endpoint", endpoint.name().toLowerCase(Locale.ROOT)).tag("reason", reason)
                .register(registry).increment();
    }
}
