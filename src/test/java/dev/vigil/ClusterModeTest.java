package dev.vigil;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.config.VigilConfig;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.ClusterModeProfile;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** With a Kafka address and a PostgreSQL URL, the same build uses them and starts nothing embedded. */
@QuarkusTest
@TestProfile(ClusterModeProfile.class)
@QuarkusTestResource(VigilTestResource.class)
@EnabledIf("dev.vigil.testing.Postgres#available")
class ClusterModeTest {

    static ApiTokens tokens;

    @Inject
    VigilConfig config;

    @BeforeEach
    void tokens() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    @Test
    void usesExternalKafkaAndPostgresAndStartsNothingEmbedded() {
        assertFalse(config.kafka().embedded().enabled());
        assertFalse(Files.exists(Path.of(config.dataDir(), "kafka")), "no embedded broker log directory");
        assertFalse(Files.exists(Path.of(config.dataDir(), "db")), "no embedded database files");
        // Readiness waits until the consumers have joined their group on the external broker.
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.data", hasKey("postgres"))
                .body("checks.find { it.name == 'Database connections health check' }.data", not(hasKey("h2")));
    }

    @Test
    void deployProducedToExternalBrokerIsStoredInPostgres() {
        String service = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.produce("vigil.deploys", List.of("{\"service\":\"" + service + "\",\"environment\":\"prod\","
                + "\"version\":\"9.9\",\"status\":\"failed\",\"finishedAt\":\"2026-11-25T07:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(tokens.get(As.VIEWER))
                .queryParam("service", service).get("/api/v1/deploys")
                .then().statusCode(200).body("items[0].status", equalTo("failed")));
    }
}
