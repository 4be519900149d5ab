package dev.vigil.gate.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gate.MetricSource;
import dev.vigil.gate.MetricSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code source: prometheus}: PromQL range queries over Prometheus' HTTP API ({@code /api/v1/query_range}) to the
 * providers configured under {@code vigil.gate.providers.prometheus.<name>}, the only URLs Vigil asks. Every call
 * has a connect and a request timeout and a cap on the response size; every failure becomes a
 * {@link MetricSourceException} naming the provider and what went wrong, never its credentials.
 */
public final class PrometheusSource implements MetricSource {

    /** One configured Prometheus: base URL and how to reach it. {@code authorization} is a header value or empty. */
    public record Provider(String name, URI url, Duration connectTimeout, Duration timeout, long maxResponseBytes,
                           Optional<String> authorization) {
        public Provider {
            Objects.requireNonNull(name, "name");
            if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("vigil.gate.providers.prometheus." + name
                        + ".url must be an absolute http(s) URL, got " + url);
            }
            if (url.getRawUserInfo() != null) {
                // the URL shows in every INCONCLUSIVE reason: credentials go in bearer-token or username/password
                throw new IllegalArgumentException("vigil.gate.providers.prometheus." + name + ".url must not contain "
                        + "credentials; use .bearer-token or .username and .password");
            }
            positive(name, "connect-timeout", connectTimeout);
            positive(name, "timeout", timeout);
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("vigil.gate.providers.prometheus." + name
                        + ".max-response-bytes must be at least 1");
            }
            Objects.requireNonNull(authorization, "authorization");
        }

        /** A bearer token or user and password as an Authorization header value, or none. */
        public static Optional<String> authorization(Optional<String> bearerToken, Optional<String> username,
                                                     Optional<String> password) {
            if (bearerToken.isPresent()) {
                return Optional.of("Bearer " + bearerToken.get());
            }
            return username.map(u -> "Basic " + Base64.getEncoder().encodeToString(
                    (u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
        }

        private static void positive(String name, String key, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("vigil.gate.providers.prometheus." + name + "." + key
                        + " must be a duration > 0, got " + d);
            }
        }

        @Override
        public String toString() {
            return "Provider[" + name + " " + url + "]"; // never the credentials
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Provider> providers;
    private final Map<String, HttpClient> clients;

    public PrometheusSource(Map<String, Provider> providers) {
        this.providers = Map.copyOf(providers);
        Map<String, HttpClient> built = new java.util.HashMap<>();
        this.providers.forEach((name, p) -> built.put(name, HttpClient.newBuilder()
                .connectTimeout(p.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build()));
        this.clients = Map.copyOf(built);
    }

    @Override
    public boolean knows(String provider) {
        return providers.containsKey(provider);
    }

    @Override
    public double[] range(String provider, String expression, Instant from, Instant to, Duration step) {
        Provider p = providers.get(provider);
        if (p == null) {
            throw new MetricSourceException("no Prometheus provider named '" + provider + "' is configured");
        }
        String who = "Prometheus '" + p.name() + "' (" + p.url() + ")";
        HttpRequest request = request(p, expression, from, to, step);
        HttpResponse<InputStream> response;
        try {
            response = clients.get(provider).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new MetricSourceException(who + " did not accept a connection within " + p.connectTimeout(), e);
        } catch (HttpTimeoutException e) {
            throw new MetricSourceException(who + " did not answer within " + p.timeout(), e);
        } catch (ConnectException e) {
            throw new MetricSourceException(who + " is unreachable: connection refused", e);
        } catch (IOException e) {
            throw new MetricSourceException(who + " is unreachable: " + message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricSourceException(who + " was not asked: interrupted", e);
        }
        JsonNode body = read(who, p, response);
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new MetricSourceException(who + " refused the query (HTTP " + response.statusCode() + ", "
                    + body.path("errorType").asText("no error type") + "): " + body.path("error").asText("no message"));
        }
        return points(who, body.path("data"));
    }

    private static HttpRequest request(Provider p, String expression, Instant from, Instant to, Duration step) {
        String form = "query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)
                + "&start=" + seconds(from) + "&end=" + seconds(to) + "&step=" + seconds(step.toMillis());
        HttpRequest.Builder b = HttpRequest.newBuilder(p.url().resolve(base(p.url()) + "api/v1/query_range"))
                .timeout(p.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        p.authorization().ifPresent(a -> b.header("Authorization", a));
        return b.build();
    }

    /** The base path with a trailing slash, so that a Prometheus behind a path prefix keeps it. */
    private static String base(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return path.endsWith("/") ? path : path + "/";
    }

    private static String seconds(Instant t) {
        return seconds(t.toEpochMilli());
    }

    private static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).toPlainString();
    }

    /** The body as JSON, reading at most the provider's cap. */
    private static JsonNode read(String who, Provider p, HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, p.maxResponseBytes() + 1));
            if (bytes.length > p.maxResponseBytes()) {
                throw new MetricSourceException(who + " answered more than " + p.maxResponseBytes()
                        + " bytes (max-response-bytes); narrow the query or widen its step");
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new MetricSourceException(who + " answered HTTP " + response.statusCode()
                    + " with a body that is not Prometheus JSON: " + message(e), e);
        }
    }

    /** Every point of every series of a matrix result, in time order; NaN and infinite values are left out. */
    private static double[] points(String who, JsonNode data) {
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new MetricSourceException(who + " answered a " + data.path("resultType").asText("missing")
                    + " result where a range query gives a matrix");
        }
        List<double[]> timed = new ArrayList<>();
        for (JsonNode series : data.path("result")) {
            for (JsonNode point : series.path("values")) {
                double value = parse(point.path(1).asText());
                if (Double.isFinite(value)) {
                    timed.add(new double[] {point.path(0).asDouble(), value});
                }
            }
        }
        timed.sort(Comparator.comparingDouble(a -> a[0]));
        return timed.stream().mapToDouble(a -> a[1]).toArray();
    }

    private static double parse(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN; // Prometheus writes infinities as "+Inf" and "-Inf": no usable point either
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
