package dev.vigil.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Issues one token per role through the admin API of the app under test (which also exercises that API). */
public final class ApiTokens {

    public enum As { VIEWER, INGEST, GATE, FEEDBACK, ADMIN }

    private final Map<As, String> tokens = new EnumMap<>(As.class);

    public static ApiTokens issue() {
        ApiTokens t = new ApiTokens();
        t.tokens.put(As.ADMIN, VigilTestResource.ADMIN_TOKEN);
        for (As role : List.of(As.VIEWER, As.INGEST, As.GATE, As.FEEDBACK)) {
            String secret = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                    .body(Map.of("name", "test-" + role.name().toLowerCase(), "roles", List.of(role.name().toLowerCase())))
                    .post("/api/v1/admin/tokens")
                    .then().statusCode(201).extract().path("token");
            t.tokens.put(role, secret);
        }
        return t;
    }

    public String get(As role) {
        return tokens.get(role);
    }
}
