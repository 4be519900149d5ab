package dev.vigil.plugins;

import static dev.vigil.gate.api.GateFixtures.ERRORS;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import io.restassured.RestAssured;
import java.util.Map;
import java.util.UUID;

/**
 * Services for which the running Vigil answers each verdict under the test policy {@code plugins.yaml}
 * (environment {@code plugins}: an error-ratio SLO, pass <= 0.01, warn <= 0.02, thresholds 100/50): data sent
 * through the real ingest, so every plug-in run below is judged by the real gate.
 */
final class GateScenarios {

    static final String ENVIRONMENT = "plugins";

    /** The tokens and one service per verdict: PASS, WARN, FAIL, and INCONCLUSIVE (a service without data). */
    record Scenarios(ApiTokens tokens, String pass, String warn, String fail, String inconclusive) {
        String token(As role) {
            return tokens.get(role);
        }
    }

    private static Scenarios cached;
    private static int cachedPort;

    private GateScenarios() {
    }

    /** Made once per running app (a restarted app on another port starts from an empty data directory). */
    static synchronized Scenarios get() {
        if (cached == null || cachedPort != RestAssured.port) {
            ApiTokens tokens = ApiTokens.issue();
            String run = UUID.randomUUID().toString().substring(0, 8);
            Scenarios s = new Scenarios(tokens, "plug-pass-" + run, "plug-warn-" + run, "plug-fail-" + run,
                    "plug-none-" + run);
            ingest(tokens, s.pass(), series(s.pass(), ERRORS, Map.of(), 10, 0.001, 0.0, 1), 1);
            ingest(tokens, s.warn(), series(s.warn(), ERRORS, Map.of(), 10, 0.015, 0.0, 2), 1);
            ingest(tokens, s.fail(), series(s.fail(), ERRORS, Map.of(), 10, 0.3, 0.0, 3), 1);
            cached = s;
            cachedPort = RestAssured.port;
        }
        return cached;
    }

    static String vigilUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    /** The verdict Vigil itself holds at a decision URL a plug-in reported. */
    static String verdictAt(String evaluationUrl) {
        return given().auth().oauth2(get().token(As.VIEWER)).accept("application/json").get(evaluationUrl)
                .then().statusCode(200).extract().path("verdict");
    }
}
