package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.VigilConfig;
import dev.vigil.flow.GateSeriesCounts;
import dev.vigil.ingest.service.IngestConfig;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.config.WithDefault;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What README's quick start shows and says about ingest holds against the running application. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class ReadmeQuickStartTest {

    private static final Path README = Path.of("README.md");

    @Inject
    GateSeriesCounts seriesCounts;
    @Inject
    VigilConfig config;

    @Test
    void readmesIngestExamplePutsTheSeriesInProdAsGatesSeeIt() throws IOException {
        ApiTokens tokens = ApiTokens.issue();
        String service = "readme-" + UUID.randomUUID().toString().substring(0, 8);
        // README's body as printed; only the service (unique per run) and the time (gates count series seen in the
        // last day) are replaced.
        String body = readmeIngestBody().replace("\"service\":\"checkout\"", "\"service\":\"" + service + "\"")
                .replace("2026-11-25T07:00:00Z", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        given().auth().oauth2(tokens.get(ApiTokens.As.INGEST)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest/metrics").then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER))
                .queryParam("service", service).get("/api/v1/series").then().statusCode(200).body("total", equalTo(1)));

        String label = config.gate().environmentLabel();
        assertEquals(1, seriesCounts.count(service, label, "prod"), "README's series is one of checkout's in prod");
        assertEquals(0, seriesCounts.count(service, label, "staging"), "and not one of checkout's in staging");
    }

    @Test
    void readmeSaysTheSeriesListLagsByTheDefaultFlushInterval() throws Exception {
        String interval = IngestConfig.class.getMethod("seriesFlushInterval").getAnnotation(WithDefault.class).value();
        assertEquals("10s", interval, "README's quick start says 10 s; change it with the default");
        String readme = Files.readString(README);
        assertTrue(readme.contains("after the registry's next flush, within 10 s (`vigil.ingest.series-flush-interval`)"),
                "README's quick start");
        assertTrue(readme.contains("`/api/v1/series` shows them after its next flush,\nat most "
                + "`vigil.ingest.series-flush-interval` later (10 s by default"), "README's ingest section");
    }

    /** The JSON of the quick start's {@code curl -d '...'} to /api/v1/ingest/metrics. */
    private static String readmeIngestBody() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("-d '[{\"service\":\"checkout\"");
        assertTrue(start > 0, "README's quick start posts a sample of checkout");
        return readme.substring(start + 4, readme.indexOf("' \\", start));
    }
}
