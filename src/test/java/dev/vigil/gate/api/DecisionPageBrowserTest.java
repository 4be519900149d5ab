package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.LATENCY;
import static dev.vigil.gate.api.GateFixtures.canaryBlock;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.request;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.Severity;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.gate.service.DecisionLinks;
import dev.vigil.gate.service.PageKeyRepository;
import dev.vigil.predict.RiskLevel;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.HeadlessChromium;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision page in a real browser: headless Chromium loads the signed link a gate answer carries and the test
 * reads what it shows. The app is the real one (HTTP ingest, Kafka, H2, policy {@code page.yaml}); the anomaly and
 * the prediction are stored through Vigil's own repositories, as detection and prediction would store them.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class DecisionPageBrowserTest {

    static ApiTokens tokens;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AnomalyRepository anomalies;
    @Inject
    PredictionRepository predictions;
    @Inject
    DataSource dataSource;

    @TempDir
    Path dir;

    String service;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "page-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aBrowserShowsTheVerdictEachReasonTheCanaryChartTheRiskAndTheAnomalies() throws Exception {
        List<String> items = new ArrayList<>();
        items.addAll(series(service, LATENCY, Map.of("track", "baseline"), 30, 0.10, 0.01, 40));
        items.addAll(series(service, LATENCY, Map.of("track", "canary"), 30, 0.20, 0.02, 41));
        ingest(tokens, service, items, 2);
        Instant now = Instant.now();
        anomalies.upsert(List.of(AnomalyRecord.builder().id("anom-" + service).seriesId("0123456789abcdef")
                .service(service).metric(LATENCY).labels(Map.of("track", "canary")).detector("latency")
                .status(AnomalyRecord.Status.OPEN).severity(Severity.CRITICAL).startedAt(now.minusSeconds(120))
                .updatedAt(now.minusSeconds(60)).peakScore(0.99).observed(0.2).expected(0.1).lower(0.08).upper(0.12)
                .component("LEVEL").build()));
        predictions.insert(PredictionRecord.builder().id(UUID.randomUUID().toString())
                .source(PredictionRecord.Source.DEPLOY).service(service).environment("page").version("1.5.0")
                .commit("9f1c2ab4e0000000000000000000000000000000").status(PredictionRecord.Status.OK)
                .probability(0.72).riskLevel(RiskLevel.HIGH).modelVersion("service-model-7")
                .explanations(JSON.readTree("[{\"feature\":\"la\",\"direction\":\"raises\",\"contribution\":0.8,"
                        + "\"sentence\":\"la = 1200\",\"reason\":\"adds 1,200 lines and deletes 30 (raises the risk)\"}]"))
                .createdAt(now.minusSeconds(600)).build());

        Response answer = given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON)
                .body(request(null, service, "page", canaryBlock(null))).post("/api/v1/gates/evaluate");
        answer.then().statusCode(200).body("verdict", equalTo("FAIL"))
                .body("url", containsString("/api/v1/gates/evaluations/"))
                .body("pageUrl", containsString("/decisions/"));
        String pageUrl = answer.path("pageUrl");
        String canaryReason = answer.path("checks[0].explanation");
        String anomalyReason = answer.path("checks[1].explanation");

        HeadlessChromium.Loaded page = HeadlessChromium.load(pageUrl);
        String dom = page.dom();

        assertEquals(List.of(), page.console(), "nothing blocked by the Content-Security-Policy, nothing logged");
        assertTrue(dom.contains("<span id=\"verdict\" class=\"verdict FAIL\">FAIL</span>"), dom);
        assertTrue(dom.contains(text(canaryReason)), "the canary check's reason: " + dom);
        assertTrue(dom.contains(text(anomalyReason)), "the anomalies check's reason: " + dom);
        assertTrue(dom.contains(service) && dom.contains("1.5.0") && dom.contains("9f1c2ab4e"), "the deploy: " + dom);
        assertTrue(dom.contains("pass at score &gt;= 100, warn at &gt;= 75"), "the policy's thresholds (the default): " + dom);
        // the chart: one inline SVG for the metric, with a canary and a baseline line over all their samples
        Matcher svg = Pattern.compile("<svg [^>]*data-metric=\"" + LATENCY + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
        assertTrue(svg.find(), "an SVG chart for " + LATENCY + ": " + dom);
        assertEquals(List.of("baseline", "canary"), seriesIn(svg.group()));
        assertTrue(points(svg.group(), "canary") >= 10 && points(svg.group(), "baseline") >= 10, svg.group());
        assertTrue(dom.contains("<td>canary</td><td>canary</td>") && dom.contains("<td>recent-anomalies</td>"),
                "the evidence windows: " + dom);
        assertTrue(dom.contains("<strong>HIGH</strong>: predicted failure probability 0.72"), "the risk: " + dom);
        assertTrue(dom.contains("adds 1,200 lines and deletes 30 (raises the risk)"), "the risk's reason: " + dom);
        assertTrue(dom.contains("anom-" + service) && dom.contains("critical"), "the anomaly: " + dom);

        Path png = dir.resolve("decision.png");
        HeadlessChromium.screenshot(pageUrl, png); // the command docs/gates.md gives
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page");
    }

    @Test
    void thePageForbidsScriptsCachingAndReferrersAndTheTextAnswerCarriesTheLink() {
        String text = given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON).accept("text/plain")
                .body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then().statusCode(200)
                .extract().asString();
        String page = text.lines().filter(l -> l.startsWith("page: ")).findFirst().orElseThrow().substring(6);
        assertTrue(text.contains("\nurl: ") && text.indexOf("\nurl: ") < text.indexOf("\npage: "), text);
        given().urlEncodingEnabled(false).get(URI.create(page)).then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'none'; style-src 'sha256-"))
                .header("Cache-Control", equalTo("no-store"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"));
        String openApi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertTrue(openApi.contains("/decisions/{id}:") && openApi.contains("text/html"), "the page is in the OpenAPI document");
    }

    @Test
    void aForgedExpiredOrMissingSignatureShowsNothingOfTheDecision() throws Exception {
        String pageUrl = given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON)
                .body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then().statusCode(200)
                .extract().path("pageUrl");
        String id = pageUrl.substring(pageUrl.indexOf("/decisions/") + 11, pageUrl.indexOf('?'));
        String base = pageUrl.substring(0, pageUrl.indexOf("/decisions/"));
        String signature = pageUrl.substring(pageUrl.indexOf("signature=") + 10);
        String forged = pageUrl.substring(0, pageUrl.length() - signature.length())
                + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        // signed with the app's own key, but a day ago for one second: expired
        DecisionLinks yesterday = new DecisionLinks(new PageKeyRepository(dataSource).sharedKey(Instant.now()),
                Duration.ofSeconds(1), Clock.offset(Clock.systemUTC(), Duration.ofDays(-1)));
        String expired = yesterday.pageUrl(base, id);
        String otherId = pageUrl.replace(id, UUID.randomUUID().toString());
        String unsigned = base + "/decisions/" + id;

        for (String link : List.of(forged, expired, otherId, unsigned)) {
            given().urlEncodingEnabled(false).get(URI.create(link)).then().statusCode(403)
                    .header("Cache-Control", equalTo("no-store"));
            String dom = HeadlessChromium.dumpDom(link);
            assertTrue(dom.contains("not valid, or it has expired"), link + ": " + dom);
            assertFalse(dom.contains(service) || dom.contains(id) || dom.contains("9f1c2ab4e")
                    || dom.contains("id=\"verdict\"") || dom.contains("<table"), link + " reveals the decision: " + dom);
        }
        assertTrue(HeadlessChromium.dumpDom(pageUrl).contains(service), "the genuine link still works");
    }

    @Test
    void everythingFromTheRequestIsEscaped() throws Exception {
        String hostile = service + "<script>document.title='owned'</script>";
        String body = "{\"service\":\"" + hostile + "\",\"environment\":\"ci\","
                + "\"version\":\"1.0<img src=x onerror=alert(1)>\",\"commit\":\"abc\\\"><b>bold</b>\"}";
        String pageUrl = given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/gates/evaluate").then().statusCode(200).extract().path("pageUrl");
        HeadlessChromium.Loaded page = HeadlessChromium.load(pageUrl);
        String dom = page.dom();
        assertEquals(List.of(), page.console(), "no script ran or was blocked");
        assertTrue(dom.contains(service + "&lt;script&gt;document.title='owned'&lt;/script&gt;"), dom);
        assertTrue(dom.contains("1.0&lt;img src=x onerror=alert(1)&gt;"), dom);
        assertFalse(dom.contains("<script") || dom.contains("<img") || dom.contains("<b>") || dom.contains("owned</title>"),
                "nothing from the request became markup: " + dom);
    }

    /** How a browser serialises text content: &, < and > escaped. */
    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<String> seriesIn(String svg) {
        Matcher m = Pattern.compile("data-series=\"([a-z]+)\"").matcher(svg);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static int points(String svg, String series) {
        Matcher m = Pattern.compile("data-series=\"" + series + "\" data-points=\"(\\d+)\"").matcher(svg);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
