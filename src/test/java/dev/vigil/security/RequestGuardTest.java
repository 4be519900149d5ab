package dev.vigil.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.LocalOidcIssuer;
import dev.vigil.testing.RawHttp;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request guard on a running Vigil, with small limits so that floods are short. Each test is a different
 * client address (127.0.0.x, real sockets), so their budgets do not mix.
 */
@QuarkusTest
@TestProfile(RequestGuardTest.SmallLimits.class)
@QuarkusTestResource(VigilTestResource.class)
@QuarkusTestResource(LocalOidcIssuer.class)
class RequestGuardTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("vigil.security.rate-limit.auth-failures", "5"),
                    Map.entry("vigil.security.rate-limit.auth-failures-per", "1h"),
                    Map.entry("vigil.security.rate-limit.auth-block", "1h"),
                    Map.entry("vigil.security.rate-limit.ingest", "3"),
                    Map.entry("vigil.security.rate-limit.gate", "3"),
                    Map.entry("vigil.security.rate-limit.expensive", "3"),
                    Map.entry("vigil.security.rate-limit.other", "1000"),
                    Map.entry("vigil.security.rate-limit.per", "1h"),
                    Map.entry("vigil.security.body-limit.flagger", "4K"),
                    Map.entry("vigil.security.body-limit.ingest", "16K"));
        }
    }

    static ApiTokens tokens;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void tokens() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    int port() {
        return base.getPort();
    }

    @Test
    void aFloodOfBadTokensIsBlockedAfterTheLimitWhileAGoodTokenFromAnotherAddressIsServed() {
        String attacker = "127.0.0.2";
        List<Integer> statuses = new ArrayList<>();
        RawHttp.Answer last = null;
        for (int i = 0; i < 10; i++) {
            last = RawHttp.get(attacker, port(), "/api/v1/series", "vgl_guess-" + i + "-0123456789abcdef");
            statuses.add(last.status());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 429, 429, 429, 429), statuses,
                "five failures tolerated, the sixth blocks the address");
        assertTrue(Long.parseLong(last.headers().get("retry-after")) > 0, last.headers().toString());
        assertTrue(last.headers().get("content-type").startsWith("application/problem+json"), last.headers().toString());
        assertTrue(last.body().contains("\"status\":429"), last.body());
        assertEquals(429, RawHttp.get(attacker, port(), "/api/v1/series", tokens.get(ApiTokens.As.VIEWER)).status(),
                "while blocked, even a good token from that address waits");

        given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER)).get("/api/v1/series").then().statusCode(200);
        assertEquals(200, RawHttp.get("127.0.0.3", port(), "/api/v1/series", tokens.get(ApiTokens.As.VIEWER)).status());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("vigil_http_rate_limited_total{limit=\"auth_block\"}"), "counted in metrics");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("vigil_auth_failures_total") && !l.endsWith(" 0.0")));
    }

    @Test
    void gateRequestsBeyondTheLimitPerTokenGet429WithRetryAfterAndAProblem() {
        String token = tokens.get(ApiTokens.As.GATE);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(RawHttp.get("127.0.0.4", port(), "/api/v1/gates/evaluations/none", token).status());
        }
        assertEquals(List.of(404, 404, 404, 429), statuses);
        // the same token from another address: the token's budget is spent too
        RawHttp.Answer again = RawHttp.get("127.0.0.5", port(), "/api/v1/gates/evaluations/none", token);
        assertEquals(429, again.status());
        assertTrue(again.body().contains("gate requests per"), again.body());
        assertTrue(again.headers().containsKey("retry-after"));
    }

    @Test
    void gateRequestsAreLimitedPerPipelineIdentityNotPerIssuer() {
        LocalOidcIssuer issuer = LocalOidcIssuer.running();
        String first = issuer.token(issuer.claims("acme/matrix", "refs/heads/main").claim("environment", "gate"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(RawHttp.get("127.0.0.8", port(), "/api/v1/gates/evaluations/none", first).status());
        }
        assertEquals(List.of(404, 404, 404, 429), statuses);
        // Another pipeline of the same issuer has a budget of its own.
        String second = issuer.token("acme/shop", "refs/heads/main");
        assertEquals(404, RawHttp.get("127.0.0.9", port(), "/api/v1/gates/evaluations/none", second).status());
    }

    @Test
    void invalidIdTokensCountAsFailedAuthenticationsAndAnUnreachableIssuerDoesNot() {
        LocalOidcIssuer issuer = LocalOidcIssuer.running();
        String foreign = issuer.token(issuer.claims("acme/shop", "refs/heads/main").audience("someone-else"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(RawHttp.get("127.0.0.10", port(), "/api/v1/series", foreign).status());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 429), statuses, "five failures tolerated, the sixth blocks");
        String down = issuer.token(issuer.claims("acme/shop", "refs/heads/main").issuer(issuer.downUrl()));
        statuses.clear();
        for (int i = 0; i < 7; i++) {
            statuses.add(RawHttp.get("127.0.0.11", port(), "/api/v1/series", down).status());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 401), statuses);
    }

    @Test
    void anUnauthenticatedBodyIsNeverReadAndAnOversizedOneIsRefusedUnread() {
        // Each request promises a body it never sends: an app that tried to read it would hang until the socket
        // timeout (RawHttp fails the test then); these answer at once.
        RawHttp.Answer anonymous = RawHttp.send("127.0.0.6", port(), "POST /api/v1/ingest/metrics HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000", "");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.headers().containsKey("www-authenticate"));

        RawHttp.Answer flagger = RawHttp.send("127.0.0.6", port(), "POST /api/v1/gates/flagger HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 15000000", "");
        assertEquals(413, flagger.status());
        assertTrue(flagger.body().contains("at most 4096"), flagger.body());
        assertTrue(flagger.body().length() < 2000, "the refusal does not echo the body");

        RawHttp.Answer yaml = RawHttp.send("127.0.0.6", port(), "POST /api/v1/detectors/validate HTTP/1.1\r\n"
                + "Authorization: Bearer " + tokens.get(ApiTokens.As.VIEWER) + "\r\nContent-Type: application/yaml\r\n"
                + "Content-Length: 10000000", "");
        assertEquals(413, yaml.status(), "a 10 MB definition is refused before it is read, let alone parsed");

        RawHttp.Answer chunked = RawHttp.send("127.0.0.6", port(), "POST /api/v1/ingest/metrics HTTP/1.1\r\n"
                + "Authorization: Bearer " + tokens.get(ApiTokens.As.INGEST) + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked", "");
        assertEquals(411, chunked.status());
    }

    @Test
    void badTokensInFlaggerBodiesCountAsFailedAuthentications() {
        String body = "{\"name\":\"shop\",\"namespace\":\"prod\",\"metadata\":{\"token\":\"vgl_wrong-0123456789abcdef\"}}";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(RawHttp.send("127.0.0.7", port(), "POST /api/v1/gates/flagger HTTP/1.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length(), body).status());
        }
        assertEquals(429, statuses.get(6), statuses.toString());
        assertEquals(401, statuses.get(0), statuses.toString());
    }

    @Test
    void ingestBeyondTheLimitIsRefusedAndNotKept() {
        String token = tokens.get(ApiTokens.As.INGEST);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(RawHttp.send("127.0.0.8", port(), "POST /api/v1/ingest/metrics HTTP/1.1\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/json\r\nContent-Length: 2", "[]").status());
        }
        assertEquals(429, statuses.get(3), statuses.toString());
        given().get("/q/metrics").then().body(containsString("vigil_http_rate_limited_total{limit=\"ingest\"}"));
    }
}
