package dev.vigil.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gate decision as a CDEvent (CDEvents 0.4, in a CloudEvents 1.0 structured-mode envelope), so that delivery tools
 * that speak CDEvents can react to it (docs/integrations.md, "CDEvents"). The type is the standard
 * {@code dev.cdevents.testsuiterun.finished.0.2.0}: a gate evaluation is a run of the policy's checks (the test
 * suite) against a release, finished with an outcome; consumers of the standard type read {@code outcome}, those
 * that know Vigil read the verdict and the checks in {@code customData}.
 *
 * <p>Outcomes: PASS and WARN are {@code pass} (a WARN lets the release go on; {@code customData.verdict} says WARN),
 * FAIL is {@code fail}, INCONCLUSIVE is {@code error} (the run could not judge: no evidence, a source down).
 */
public final class DecisionCdEvent {

    public static final String CLOUDEVENTS_VERSION = "1.0";
    public static final String CDEVENTS_VERSION = "0.4.1";
    public static final String TYPE = "dev.cdevents.testsuiterun.finished.0.2.0";
    /** CloudEvents' structured mode: the whole event, attributes and data, is the JSON body. */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private DecisionCdEvent() {
    }

    /** The outcome word of {@code testsuiterun.finished} for a verdict. */
    public static String outcome(Verdict verdict) {
        return switch (verdict) {
            case PASS, WARN -> "pass";
            case FAIL -> "fail";
            case INCONCLUSIVE -> "error";
        };
    }

    /**
     * The envelope of a decided evaluation, as nested maps in JSON order: CloudEvents attributes ({@code id} and
     * {@code subject} are the evaluation's id: a consumer that sees it twice, after a redelivery, can tell), and the
     * CDEvent ({@code context}, {@code subject}, {@code customData}) as its {@code data}.
     *
     * @param source the producer's URI-reference ({@code vigil.cdevents.source})
     */
    public static Map<String, Object> envelope(GateEvaluation e, String source) {
        GateDecision d = e.decision();
        if (d == null) {
            throw new IllegalArgumentException("evaluation " + e.id() + " has no decision yet");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", CLOUDEVENTS_VERSION);
        event.put("id", e.id());
        event.put("source", source);
        event.put("type", TYPE);
        event.put("subject", e.id());
        event.put("time", d.decidedAt().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", cdEvent(e, d, source));
        return event;
    }

    private static Map<String, Object> cdEvent(GateEvaluation e, GateDecision d, String source) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("version", CDEVENTS_VERSION);
        context.put("id", e.id());
        context.put("source", source);
        context.put("type", TYPE);
        context.put("timestamp", d.decidedAt().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("context", context);
        data.put("subject", Map.of("id", e.id(), "source", source, "type", "testSuiteRun", "content", content(e, d, source)));
        data.put("customDataContentType", "application/json");
        data.put("customData", Map.of("vigil", vigil(e, d)));
        return data;
    }

    private static Map<String, Object> content(GateEvaluation e, GateDecision d, String source) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("environment", Map.of("id", e.request().environment(), "source", source));
        content.put("outcome", outcome(d.verdict()));
        content.put("reason", d.reason());
        content.put("testSuite", Map.of("id", "vigil-policy/" + d.policy().name(), "name", d.policy().name(),
                "version", d.policy().version(), "uri", e.url()));
        return content;
    }

    private static Map<String, Object> vigil(GateEvaluation e, GateDecision d) {
        Map<String, Object> vigil = new LinkedHashMap<>();
        vigil.put("verdict", d.verdict().name());
        vigil.put("score", d.score());
        vigil.put("service", e.request().service());
        vigil.put("environment", e.request().environment());
        vigil.put("version", e.request().version());
        vigil.put("commit", e.request().commit());
        vigil.put("decisionUrl", e.url());
        vigil.put("checks", checks(d.checks()));
        return vigil;
    }

    private static List<Map<String, Object>> checks(List<CheckResult> checks) {
        return checks.stream().map(c -> Map.<String, Object>of("name", c.name(), "kind", c.kind(),
                "status", c.status().name(), "dryRun", c.dryRun())).toList();
    }
}
