package dev.vigil.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless CI: the GitHub Action and the GitLab job send the CI's OIDC ID token as the bearer. GitHub's token
 * endpoint and GitLab's {@code id_tokens} are outside our control, so they are stubbed (an HttpServer answering
 * GitHub's documented protocol; a JWT handed to the job as GitLab would). Vigil's own verification of such tokens
 * is being built in parallel, so here a request-capturing HTTP server stands in for Vigil and the test asserts
 * what reaches it: the stubbed JWT as {@code Authorization: Bearer}. The plug-ins' scripts run for real.
 */
class KeylessTokenTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3QifQ"
            + ".eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIiwiYXVkIjoidmlnaWwifQ.c2lnbmF0dXJl";
    private static final String REQUEST_TOKEN = "gh-runner-request-token-0123";
    private static final String AUDIENCE = "https://vigil.example.com/ci";

    private HttpServer server;
    private final List<String> bearers = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/_apis/token", this::githubTokenEndpoint);
        server.createContext("/api/v1/gates/evaluate", this::vigilStandIn);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** GitHub's ID-token endpoint: bearer request token in, {@code {"count":..,"value":"<jwt>"}} out. */
    private void githubTokenEndpoint(HttpExchange ex) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')),
                    URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8));
        }
        query.put("authorization", ex.getRequestHeaders().getFirst("Authorization"));
        tokenRequests.add(query);
        boolean ok = ("bearer " + REQUEST_TOKEN).equals(query.get("authorization"));
        answer(ex, ok ? 200 : 401, "application/json", ok ? "{\"count\":1234,\"value\":\"" + JWT + "\"}" : "{}");
    }

    /** Stands in for Vigil: records the bearer and answers PASS in the text format the CLI reads. */
    private void vigilStandIn(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        bearers.add(ex.getRequestHeaders().getFirst("Authorization"));
        answer(ex, 200, "text/plain", "verdict: PASS\nscore: 100.0\nid: e1\nservice: checkout\n"
                + "url: " + base() + "/api/v1/gates/evaluations/e1\nreason: stand-in\n");
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private CompositeActionRunner.Result runAction(Map<String, String> more, Map<String, String> runnerEnv) {
        Map<String, String> with = new HashMap<>(Map.of("vigil-url", base(), "service", "checkout",
                "environment", "prod", "version", "1.5.0"));
        with.putAll(more);
        return new CompositeActionRunner(Path.of("pipeline-plugins/github-action/action.yml")).run(with,
                Map.of("sha", "9f1c2ab", "server_url", "https://github.com", "repository", "acme/checkout",
                        "run_id", "42", "run_attempt", "1"), runnerEnv, temp);
    }

    private Map<String, String> idTokenPermission() {
        return Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", base() + "/_apis/token?api-version=2.0",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN);
    }

    @Test
    void theGitHubActionSendsTheJobsIdTokenForTheAudienceAsBearer() {
        CompositeActionRunner.Result r = runAction(Map.of("oidc-audience", AUDIENCE), idTokenPermission());
        assertEquals(0, r.exit(), r.log());
        assertEquals("PASS", r.outputs().get("verdict"));
        assertEquals(1, tokenRequests.size());
        assertEquals(AUDIENCE, tokenRequests.get(0).get("audience"));
        assertEquals("2.0", tokenRequests.get(0).get("api-version"), "the runner's own query is kept");
        assertEquals(List.of("Bearer " + JWT), bearers);
        assertFalse(r.log().contains(JWT), "the ID token is masked in the log");
    }

    @Test
    void aGivenTokenWinsOverTheAudience() {
        CompositeActionRunner.Result r = runAction(Map.of("oidc-audience", AUDIENCE, "vigil-token", "vgl_static"),
                idTokenPermission());
        assertEquals(0, r.exit(), r.log());
        assertTrue(tokenRequests.isEmpty(), "no ID token asked for");
        assertEquals(List.of("Bearer vgl_static"), bearers);
    }

    @Test
    void withoutTheIdTokenPermissionTheStepFailsSayingWhatIsMissing() {
        CompositeActionRunner.Result r = runAction(Map.of("oidc-audience", AUDIENCE), Map.of());
        assertEquals(1, r.exit(), r.log());
        assertTrue(r.log().contains("permissions: id-token: write"), r.log());
        assertEquals("1", r.outputs().get("exit-code"));
        assertEquals("", r.outputs().get("verdict"));
        assertTrue(bearers.isEmpty(), "nothing was sent to Vigil");
    }

    @Test
    void aRefusedIdTokenRequestFailsTheStep() {
        CompositeActionRunner.Result r = runAction(Map.of("oidc-audience", AUDIENCE),
                Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", base() + "/_apis/token?api-version=2.0",
                        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "wrong"));
        assertEquals(1, r.exit(), r.log());
        assertTrue(r.log().contains("GitHub did not issue an ID token"), r.log());
        assertEquals("1", r.outputs().get("exit-code"));
        assertTrue(bearers.isEmpty(), "nothing was sent to Vigil");
    }

    @Test
    void theGitLabJobSendsItsIdTokenInsteadOfTheStaticToken() {
        List<String> audiences = new CopyOnWriteArrayList<>();
        String job = "extends: .vigil-gate\nvariables:\n  VIGIL_GATE_CLI_URL: "
                + Path.of("pipeline-plugins/cli/vigil-gate").toAbsolutePath().toUri()
                + "\nid_tokens:\n  VIGIL_ID_TOKEN:\n    aud: " + AUDIENCE + "\n";
        GitLabJobRunner.Result r = new GitLabJobRunner(Path.of("pipeline-plugins/gitlab/vigil-gate.gitlab-ci.yml")).run(job,
                Map.of("CI_PROJECT_NAME", "checkout", "CI_ENVIRONMENT_NAME", "prod", "CI_COMMIT_SHA", "9f1c2ab4e",
                        "CI_COMMIT_SHORT_SHA", "9f1c2ab", "CI_PROJECT_URL", "https://gitlab.example.com/acme/checkout",
                        "CI_PIPELINE_ID", "42", "CI_JOB_NAME_SLUG", "gate"),
                Map.of("VIGIL_URL", base(), "VIGIL_TOKEN", "vgl_static"),
                aud -> {
                    audiences.add(aud);
                    return JWT;
                }, temp);
        assertEquals(0, r.exit(), r.log());
        assertEquals(List.of(AUDIENCE), audiences);
        assertEquals(List.of("Bearer " + JWT), bearers);
    }
}
