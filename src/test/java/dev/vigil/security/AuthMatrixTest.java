package dev.vigil.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.LocalOidcIssuer;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint, every role: 401 without a (valid) token, 403 with the wrong role, and through with the right
 * one. "Through" means anything but 401/403 (an empty batch, say, still earns its own 400). Every role but admin is
 * also had by CI pipelines with OIDC ID tokens of {@link LocalOidcIssuer} (a rule per role), which must fare the same.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
@QuarkusTestResource(LocalOidcIssuer.class)
class AuthMatrixTest {

    static ApiTokens tokens;

    record Endpoint(String method, String path, String body, Set<As> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<As> READERS = EnumSet.of(As.VIEWER, As.GATE, As.ADMIN);
    static final Set<As> INGESTERS = EnumSet.of(As.INGEST, As.ADMIN);
    static final Set<As> ADMINS = EnumSet.of(As.ADMIN);

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/v1/series", null, READERS),
                new Endpoint("GET", "/api/v1/deploys", null, READERS),
                new Endpoint("GET", "/api/v1/deploys/no-such-deploy", null, READERS),
                new Endpoint("POST", "/api/v1/ingest/metrics", "[]", INGESTERS),
                new Endpoint("POST", "/api/v1/ingest/deploys", "[]", INGESTERS),
                new Endpoint("POST", "/v1/metrics", "{}", INGESTERS),
                new Endpoint("POST", "/api/v1/write", "{}", INGESTERS),
                new Endpoint("GET", "/api/v1/admin/tokens", null, ADMINS),
                new Endpoint("GET", "/api/v1/audit", null, ADMINS),
                new Endpoint("POST", "/api/v1/admin/tokens", "{\"name\":\"x\",\"roles\":[]}", ADMINS),
                new Endpoint("DELETE", "/api/v1/admin/tokens/no-such-token", null, ADMINS),
                new Endpoint("GET", "/api/v1/predictions", null, READERS),
                new Endpoint("GET", "/api/v1/predictions/no-such-prediction", null, READERS),
                new Endpoint("POST", "/api/v1/predictions", "{}", EnumSet.of(As.GATE, As.ADMIN)),
                new Endpoint("GET", "/api/v1/admin/models", null, ADMINS),
                new Endpoint("POST", "/api/v1/admin/models/retrain?service=nobody", null, ADMINS));
    }

    static Stream<Arguments> matrix() {
        return endpoints().stream().flatMap(e -> EnumSet.allOf(As.class).stream().map(role -> Arguments.of(e, role)));
    }

    @BeforeEach
    void tokens() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void rolesDecideAccess(Endpoint endpoint, As role) {
        int status = call(given().auth().oauth2(tokens.get(role)), endpoint);
        if (endpoint.allowed().contains(role)) {
            org.junit.jupiter.api.Assertions.assertTrue(status != 401 && status != 403, endpoint + " as " + role + " gave " + status);
        } else {
            org.junit.jupiter.api.Assertions.assertEquals(403, status, endpoint + " as " + role);
        }
    }

    static Stream<Arguments> oidcMatrix() {
        return endpoints().stream().flatMap(e -> EnumSet.complementOf(EnumSet.of(As.ADMIN)).stream()
                .map(role -> Arguments.of(e, role)));
    }

    /** A pipeline of acme/matrix deploying to the environment named after the role gets that role (its claim rule). */
    private static String idToken(As role) {
        LocalOidcIssuer issuer = LocalOidcIssuer.running();
        return issuer.token(issuer.claims("acme/matrix", "refs/heads/main").claim("environment",
                role.name().toLowerCase(java.util.Locale.ROOT)));
    }

    @ParameterizedTest(name = "{0} as OIDC {1}")
    @MethodSource("oidcMatrix")
    void oidcIdentitiesAreDecidedByTheRoleTheirClaimRuleGives(Endpoint endpoint, As role) {
        int status = call(given().auth().oauth2(idToken(role)), endpoint);
        if (endpoint.allowed().contains(role)) {
            org.junit.jupiter.api.Assertions.assertTrue(status != 401 && status != 403, endpoint + " as OIDC " + role + " gave " + status);
        } else {
            org.junit.jupiter.api.Assertions.assertEquals(403, status, endpoint + " as OIDC " + role);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anExpiredOrForeignIdTokenIsUnauthorized(Endpoint endpoint) {
        LocalOidcIssuer issuer = LocalOidcIssuer.running();
        java.time.Instant past = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
        String expired = issuer.token(issuer.claims("acme/matrix", "refs/heads/main").claim("environment", "viewer")
                .issueTime(java.util.Date.from(past)).notBeforeTime(java.util.Date.from(past))
                .expirationTime(java.util.Date.from(past.plusSeconds(300))));
        org.junit.jupiter.api.Assertions.assertEquals(401, call(given().auth().oauth2(expired), endpoint));
        String foreign = issuer.token(issuer.claims("acme/matrix", "refs/heads/main").claim("environment", "viewer")
                .audience("another-service"));
        org.junit.jupiter.api.Assertions.assertEquals(401, call(given().auth().oauth2(foreign), endpoint));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noTokenIsUnauthorizedWithAProblemBody(Endpoint endpoint) {
        request(given(), endpoint).then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void unknownTokenIsUnauthorized(Endpoint endpoint) {
        org.junit.jupiter.api.Assertions.assertEquals(401, call(given().auth().oauth2("vgl_not-a-real-token-at-all-0000"), endpoint));
    }

    @Test
    void forbiddenAnswerIsAProblem() {
        given().auth().oauth2(tokens.get(As.VIEWER)).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/ingest/metrics")
                .then().statusCode(403).contentType(startsWith("application/problem+json")).body("title", equalTo("Forbidden"));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void revokedTokenStopsWorking() {
        String secret = given().auth().oauth2(tokens.get(As.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"short-lived\",\"roles\":[\"viewer\"]}").post("/api/v1/admin/tokens")
                .then().statusCode(201).extract().path("token");
        String id = given().auth().oauth2(tokens.get(As.ADMIN)).get("/api/v1/admin/tokens")
                .then().statusCode(200).extract().path("find { it.name == 'short-lived' }.id");
        given().auth().oauth2(secret).get("/api/v1/series").then().statusCode(200);
        given().auth().oauth2(tokens.get(As.ADMIN)).delete("/api/v1/admin/tokens/" + id).then().statusCode(204);
        given().auth().oauth2(secret).get("/api/v1/series").then().statusCode(401);
    }

    @Test
    void anAnswerCarryingANewSecretIsNeverCached() {
        given().auth().oauth2(tokens.get(As.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"uncached\",\"roles\":[\"viewer\"]}").post("/api/v1/admin/tokens")
                .then().statusCode(201).header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void tokenListingNeverShowsSecretsOrHashes() {
        String listing = given().auth().oauth2(tokens.get(As.ADMIN)).get("/api/v1/admin/tokens").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(listing.contains(tokens.get(As.VIEWER)));
        org.junit.jupiter.api.Assertions.assertFalse(listing.contains("hash"));
    }

    @Test
    void anExpiredTokenIsRefusedWithAProblemSayingSo() {
        String secret = given().auth().oauth2(tokens.get(As.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"expiring\",\"roles\":[\"viewer\"],\"expiresIn\":\"2s\"}").post("/api/v1/admin/tokens")
                .then().statusCode(201).body("details.expiresAt", org.hamcrest.Matchers.notNullValue())
                .extract().path("token");
        given().auth().oauth2(secret).get("/api/v1/series").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> given().auth().oauth2(secret).get("/api/v1/series").statusCode() == 401);
        given().auth().oauth2(secret).get("/api/v1/series").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Token expired"))
                .body("detail", org.hamcrest.Matchers.containsString("expired at"));
        // A wrong secret still gets the plain answer: expiry is only told to the holder of the secret.
        given().auth().oauth2(secret + "x").get("/api/v1/series").then().statusCode(401).body("title", equalTo("Unauthorized"));
    }

    @Test
    void tokensAreListedWithTheirExpiryAndCannotOutliveTheMaximum() {
        given().auth().oauth2(tokens.get(As.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"too-long\",\"roles\":[\"viewer\"],\"expiresIn\":\"400d\"}").post("/api/v1/admin/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("expiresIn"));
        given().auth().oauth2(tokens.get(As.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"bad-expiry\",\"roles\":[\"viewer\"],\"expiresIn\":\"soon\"}").post("/api/v1/admin/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("expiresIn"));
        given().auth().oauth2(tokens.get(As.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"default-expiry\",\"roles\":[\"viewer\"]}").post("/api/v1/admin/tokens")
                .then().statusCode(201);
        String listing = given().auth().oauth2(tokens.get(As.ADMIN)).get("/api/v1/admin/tokens").then().statusCode(200)
                .extract().asString();
        io.restassured.path.json.JsonPath json = io.restassured.path.json.JsonPath.from(listing);
        java.time.Instant created = java.time.Instant.parse(json.getString("find { it.name == 'default-expiry' }.createdAt"));
        java.time.Instant expires = java.time.Instant.parse(json.getString("find { it.name == 'default-expiry' }.expiresAt"));
        org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ofDays(365), java.time.Duration.between(created, expires));
        // The operator's configured admin token never expires.
        org.junit.jupiter.api.Assertions.assertNull(json.get("find { it.roles.contains('admin') && it.name != 'default-expiry' }.expiresAt"));
    }

    private static int call(RequestSpecification spec, Endpoint endpoint) {
        return request(spec, endpoint).statusCode();
    }

    private static io.restassured.response.Response request(RequestSpecification spec, Endpoint endpoint) {
        if (endpoint.body() != null) {
            spec = spec.contentType(ContentType.JSON).body(endpoint.body());
        }
        return spec.request(endpoint.method(), endpoint.path());
    }
}
