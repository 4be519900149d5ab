package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.ERRORS;
import static dev.vigil.gate.api.GateFixtures.LATENCY;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a pipeline runs it: downloaded from the running Vigil ({@code GET /cli/vigil-gate}), run with
 * {@code sh} as a real process, judged by its exit code and output.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GateCliTest {

    static ApiTokens tokens;
    String service;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Path downloadCli() throws IOException {
        byte[] script = given().get("/cli/vigil-gate").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/x-shellscript")).extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(Path.of("pipeline-plugins/cli/vigil-gate")), script,
                "the served CLI is the repository's");
        Path cli = dir.resolve("vigil-gate");
        Files.write(cli, script);
        return cli;
    }

    private Run run(As role, String... args) throws Exception {
        return finish(start(role, args));
    }

    private Process start(As role, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", downloadCli().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("VIGIL_URL", "http://localhost:" + RestAssured.port);
        pb.environment().put("VIGIL_TOKEN", tokens.get(role));
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        return pb.start();
    }

    private Run finish(Process p) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    private String[] ci(String svc, String... more) {
        List<String> a = new ArrayList<>(List.of("--service", svc, "--environment", "ci", "--version", "1.5.0",
                "--commit", "9f1c2ab4e"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void passExitsZeroAndPrintsTheVerdict() throws Exception {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.001, 0.0, 1), 1);
        Run r = run(As.GATE, ci(service));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("verdict: PASS\n"), r.out());
        assertTrue(r.out().contains("service: " + service), r.out());
        assertTrue(r.out().contains("url: http://127.0.0.1:") || r.out().contains("url: http://[::1]:"), r.out());
    }

    @Test
    void failExitsTwoAndShowsTheFailingCheck() throws Exception {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.3, 0.0, 2), 1);
        Run r = run(As.GATE, ci(service));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("verdict: FAIL\n"), r.out());
        assertTrue(r.out().contains("check: error-ratio FAIL (slo)"), r.out());
    }

    @Test
    void noDataExitsFourInconclusive() throws Exception {
        Run r = run(As.GATE, ci(service));
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("verdict: INCONCLUSIVE\n"), r.out());
    }

    @Test
    void aPendingCanaryIsPolledUntilItsVerdict() throws Exception {
        List<String> items = new ArrayList<>();
        items.addAll(series(service, LATENCY, Map.of("track", "baseline"), 30, 0.10, 0.01, 5));
        items.addAll(series(service, LATENCY, Map.of("track", "canary"), 30, 0.10, 0.01, 6));
        Process cli = start(As.GATE, "--service", service, "--environment", "prod", "--version", "1.5.0", "--commit", "c1",
                "--canary-label", "track", "--baseline", "baseline", "--canary", "canary", "--wait", "PT2M",
                "--poll-interval", "1", "--timeout", "100");
        // the CLI first sees PENDING; the data arrives while it polls
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(dir.resolve("err")).contains("is pending"));
        ingest(tokens, service, items, 2);
        Run r = finish(cli);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("is pending"), r.err());
        assertTrue(r.out().startsWith("verdict: PASS\n"), r.out());
    }

    @Test
    void aTokenWithoutTheGateRoleExitsOne() throws Exception {
        Run r = run(As.VIEWER, ci(service));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("HTTP 403"), r.err());
    }

    @Test
    void theDemoReplayBlocksTheBadReleaseAndPassesTheHealthyOne() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "demo/replay.sh");
        pb.environment().put("VIGIL_URL", "http://localhost:" + RestAssured.port);
        pb.environment().put("VIGIL_TOKEN", tokens.get(As.ADMIN));
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Run r = finish(pb.start());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("vigil-gate exited 2 for checkout 1.5.0"), r.out());
        assertTrue(r.out().contains("vigil-gate exited 0 for cart 2.3.0"), r.out());
    }
}
