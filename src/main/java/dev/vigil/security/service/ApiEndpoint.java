package dev.vigil.security.service;

import java.util.Set;

/** The kinds of API request that have limits of their own: which rate limit counts them and which body limit bounds them. */
enum ApiEndpoint {
    INGEST(RateClass.INGEST),
    GATE(RateClass.GATE),
    FLAGGER(RateClass.GATE),
    BACKTEST(RateClass.EXPENSIVE),
    VALIDATE(RateClass.EXPENSIVE),
    PREDICT(RateClass.EXPENSIVE),
    OTHER(RateClass.OTHER);

    /** Rate limits: each is a separate budget. */
    enum RateClass { INGEST, GATE, EXPENSIVE, OTHER }

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    final RateClass rateClass;

    ApiEndpoint(RateClass rateClass) {
        this.rateClass = rateClass;
    }

    static ApiEndpoint of(String method, String path) {
        if (path.startsWith("/api/v1/ingest/") || path.equals("/api/v1/write") || path.equals("/v1/metrics")) {
            return INGEST;
        }
        if (path.equals("/api/v1/gates/flagger") || path.startsWith("/api/v1/gates/flagger/")) {
            return FLAGGER;
        }
        if (path.startsWith("/api/v1/gates/")) {
            return GATE;
        }
        if (path.equals("/api/v1/backtest") || path.startsWith("/api/v1/backtest/")) {
            return BACKTEST;
        }
        if (path.equals("/api/v1/detectors/validate") || path.equals("/api/v1/policies/validate")) {
            return VALIDATE;
        }
        if ("POST".equals(method) && (path.equals("/api/v1/predictions") || path.equals("/api/v1/predictions/"))) {
            return PREDICT;
        }
        return OTHER;
    }

    static boolean hasBody(String method) {
        return WITH_BODY.contains(method);
    }

    long bodyLimit(SecurityConfig.BodyLimits limits) {
        return switch (this) {
            case INGEST -> limits.ingest().asLongValue();
            case GATE -> limits.gate().asLongValue();
            case FLAGGER -> limits.flagger().asLongValue();
            case BACKTEST -> limits.backtest().asLongValue();
            case VALIDATE -> limits.yaml().asLongValue();
            case PREDICT, OTHER -> limits.other().asLongValue();
        };
    }
}
