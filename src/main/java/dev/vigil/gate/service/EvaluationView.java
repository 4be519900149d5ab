package dev.vigil.gate.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.core.ChangeSummary;
import dev.vigil.gate.CheckResult;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateOverride;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.RiskAdaptive;
import java.time.Instant;
import java.util.List;

/**
 * The evaluation JSON of docs/gates.md ("GET /api/v1/gates/evaluations/{id}"); null fields are kept.
 *
 * @param dryRun the would-be verdict, score and reason with the dry-run checks (or policy) enforced; null when
 *               nothing is in dry run. {@code verdict} is the enforced one.
 * @param verdict     the verdict that stands: an override's when there is one ({@code override.judged} is then
 *                    the gate's own), else the decision's
 * @param url         the evaluation in the API (a token needed)
 * @param pageUrl     the decision page for a browser, a signed link that expires (docs/gates.md, "Decision page");
 *                    only in answers to API calls, left out (not null) elsewhere, e.g. on Kafka
 * @param change      the release's change in plain words from its failure prediction, when Vigil made one; null
 *                    otherwise (and in lists and on {@code vigil.decisions})
 * @param risk        how the deploy's predicted risk chose the limits; null for a policy without risk bands
 * @param requestedBy who asked (a token name or an identity); null for evaluations older than the field
 * @param override    a person's override, or null
 */
public record EvaluationView(String id, String status, String verdict, Double score, String reason,
                             GateDecision.DryRun dryRun, List<CheckResult> checks, GateDecision.PolicyRef policy,
                             GateRequest inputs, Instant createdAt, Instant decidedAt, String url,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String pageUrl, ChangeSummary change,
                             RiskAdaptive.Stage risk, String requestedBy, GateOverride override) {

    public static EvaluationView of(GateEvaluation e) {
        return of(e, null, null);
    }

    public static EvaluationView of(GateEvaluation e, String pageUrl, ChangeSummary change) {
        GateDecision d = e.decision();
        return new EvaluationView(e.id(), e.status().name(), d == null ? null : e.verdict().name(),
                d == null ? null : d.score(), d == null ? null : d.reason(), d == null ? null : d.dryRun(),
                d == null ? List.of() : d.checks(),
                d == null ? null : d.policy(), e.request(), e.createdAt(), d == null ? null : d.decidedAt(), e.url(),
                pageUrl, change, d == null ? null : d.risk(), e.requestedBy(), e.override());
    }
}
