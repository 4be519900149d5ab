package dev.vigil.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.vigil.testing.LocalOidcIssuer;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keyless CI: pipelines authenticate with OIDC ID tokens of a trusted issuer, verified against its keys fetched over
 * HTTP. {@link LocalOidcIssuer} stands in for GitHub's issuer (a real HTTP server with keys generated in the test);
 * Vigil is the real app, called over real connections.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
@QuarkusTestResource(LocalOidcIssuer.class)
class OidcTest {

    private static final String IN_SCOPE = "{\"service\":\"shop\",\"environment\":\"ci\",\"version\":\"1.0\","
            + "\"commit\":\"abc\"}";

    private static LocalOidcIssuer issuer() {
        return LocalOidcIssuer.running();
    }

    private static ValidatableResponse gate(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/gates/evaluate").then();
    }

    private static void refused(String token, String reason) {
        String body = gate(token, IN_SCOPE).statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("title", equalTo("Invalid ID token"))
                .body("detail", containsString(reason))
                .extract().asString();
        assertTrue(!body.contains(token), "the answer must never echo the token");
    }

    @Test
    void theMainBranchOfTheRepositoryMayAskTheGateForItsServiceAndIsAuditedByName() {
        String token = issuer().token("acme/shop", "refs/heads/main");
        gate(token, IN_SCOPE).statusCode(200);
        String audit = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("limit", 200).get("/api/v1/audit")
                .then().statusCode(200).extract().asString();
        Map<String, Object> entry = JsonPath.from(audit)
                .getMap("items.find { it.action == 'gate.evaluate' && it.service == 'shop' }");
        assertEquals("oidc:ci:acme/shop@refs/heads/main", entry.get("tokenName"));
        assertEquals("oidc:ci", entry.get("tokenId"));
        assertTrue(!audit.contains(token));
    }

    @Test
    void anotherServiceOrEnvironmentOrRoleIsForbidden() {
        String token = issuer().token("acme/shop", "refs/heads/main");
        gate(token, IN_SCOPE.replace("\"shop\"", "\"payments\"")).statusCode(403)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("'payments'"));
        gate(token, IN_SCOPE.replace("\"ci\"", "\"production\"")).statusCode(403)
                .body("detail", containsString("environment 'production'"));
        given().auth().oauth2(token).get("/api/v1/admin/tokens").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[]").post("/api/v1/ingest/metrics")
                .then().statusCode(403);
    }

    @Test
    void aPipelineNoRuleLetsInIsForbiddenNamingTheClaim() {
        String otherRepo = issuer().token("acme/other", "refs/heads/main");
        String body = gate(otherRepo, IN_SCOPE).statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("rule 'shop-main': claim 'repository' is 'acme/other'"))
                .extract().asString();
        assertTrue(!body.contains(otherRepo));
        gate(issuer().token("acme/shop", "refs/heads/feature"), IN_SCOPE).statusCode(403)
                .body("detail", containsString("claim 'ref' is 'refs/heads/feature'"));
    }

    @Test
    void tokensOfAnotherAudienceOrIssuerOrOutOfTimeAreUnauthorized() {
        refused(issuer().token(issuer().claims("acme/shop", "refs/heads/main").audience("someone-else")),
                "audience does not include 'vigil-test'");
        refused(issuer().token(issuer().claims("acme/shop", "refs/heads/main").issuer("https://evil.example")),
                "issuer is not trusted");
        Instant past = Instant.now().minus(Duration.ofHours(1));
        refused(issuer().token(issuer().claims("acme/shop", "refs/heads/main").issueTime(Date.from(past))
                .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(5))))),
                "expired at");
        Instant later = Instant.now().plus(Duration.ofHours(1));
        refused(issuer().token(issuer().claims("acme/shop", "refs/heads/main").notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plus(Duration.ofMinutes(5))))), "not valid before");
        refused(issuer().token(issuer().claims("acme/shop", "refs/heads/main").expirationTime(null)), "no expiry");
    }

    @Test
    void forgedTokensAreUnauthorized() {
        JWTClaimsSet claims = issuer().claims("acme/shop", "refs/heads/main").build();
        // Another key under the issuer's key id: the signature does not verify.
        RSAKey impostor = LocalOidcIssuer.rsaKey(issuer().rsaKey().getKeyID());
        refused(LocalOidcIssuer.sign(claims, JWSAlgorithm.RS256, impostor.getKeyID(), signer(impostor)),
                "signature does not verify");
        refused(new PlainJWT(claims).serialize(), "not signed");
        refused(LocalOidcIssuer.sign(claims, JWSAlgorithm.HS256, issuer().rsaKey().getKeyID(),
                mac("a-shared-secret-of-at-least-256-bits-0123456789")), "algorithm HS256 is not accepted");
        refused(LocalOidcIssuer.sign(claims, JWSAlgorithm.RS256, "no-such-key", signer(issuer().rsaKey())),
                "has no key 'no-such-key'");
        // An RSA key id with an ES256 header: the key type follows the algorithm.
        refused(LocalOidcIssuer.sign(claims, JWSAlgorithm.ES256, issuer().rsaKey().getKeyID(),
                LocalOidcIssuer.ecSigner(issuer().ecKey())), "does not fit ES256");
    }

    @Test
    void es256TokensAreAccepted() {
        gate(LocalOidcIssuer.sign(issuer().claims("acme/shop", "refs/heads/main").build(), JWSAlgorithm.ES256,
                issuer().ecKey().getKeyID(), LocalOidcIssuer.ecSigner(issuer().ecKey())), IN_SCOPE).statusCode(200);
    }

    @Test
    void aRotatedKeyIsFetchedOnceWhenATokenNamesIt() {
        String before = issuer().token("acme/shop", "refs/heads/main");
        gate(before, IN_SCOPE).statusCode(200); // the keys are cached now
        int fetches = issuer().keyFetches();
        gate(before, IN_SCOPE).statusCode(200);
        assertEquals(fetches, issuer().keyFetches(), "a known key is taken from the cache");

        issuer().rotate();
        String after = issuer().token("acme/shop", "refs/heads/main");
        gate(after, IN_SCOPE).statusCode(200);
        assertEquals(fetches + 1, issuer().keyFetches(), "an unknown key id is fetched once");
        gate(after, IN_SCOPE).statusCode(200);
        assertEquals(fetches + 1, issuer().keyFetches());
        refused(before, "has no key"); // the issuer dropped the old key
    }

    @Test
    void anIssuerThatIsDownOrSilentIsAClearUnauthorizedWithoutAHang() {
        JWTClaimsSet.Builder down = issuer().claims("acme/shop", "refs/heads/main").issuer(issuer().downUrl());
        refused(issuer().token(down), "could not connect");

        JWTClaimsSet.Builder silent = issuer().claims("acme/shop", "refs/heads/main").issuer(issuer().silentUrl());
        long start = System.nanoTime();
        refused(issuer().token(silent), "keys of OIDC issuer 'silent' could not be fetched");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the refusal took " + took);
    }

    @Test
    void apiTokensStillWork() {
        gate(VigilTestResource.ADMIN_TOKEN, IN_SCOPE).statusCode(200);
        given().auth().oauth2("vgl_not.a.jwt").get("/api/v1/series").then().statusCode(401)
                .body("title", not(equalTo("Invalid ID token")));
    }

    private static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MACSigner mac(String secret) {
        try {
            return new MACSigner(secret);
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }
}
