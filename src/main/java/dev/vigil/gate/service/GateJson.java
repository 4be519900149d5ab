package dev.vigil.gate.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.gate.CheckResult;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.RiskAdaptive;
import dev.vigil.gate.Verdict;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Maps evaluations to stored rows and back. Checks and the request are stored as JSON written by this class's own
 * mapper (instants and durations as ISO-8601 strings), independent of the API's Jackson settings.
 */
public final class GateJson {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final TypeReference<List<CheckResult>> CHECKS = new TypeReference<>() {
    };

    private GateJson() {
    }

    /** The row of an evaluation; {@code policyName} is the policy selected at creation. */
    public static DecisionRecord toRecord(GateEvaluation e, String policyName) {
        GateRequest r = e.request();
        GateDecision d = e.decision();
        GateDecision.DryRun dryRun = d == null ? null : d.dryRun();
        return new DecisionRecord(e.id(), r.requestId(), r.service(), r.environment(), r.version(), r.commit(),
                e.status().name(), d == null ? null : d.verdict().name(), d == null ? null : d.score(),
                d == null ? null : d.reason(), d == null ? policyName : d.policy().name(),
                d == null ? null : d.policy().version(), write(d == null ? List.of() : d.checks()), write(r), e.url(),
                e.createdAt(), d == null ? null : d.decidedAt(), dryRun == null ? null : dryRun.verdict().name(),
                dryRun == null ? null : dryRun.score(), dryRun == null ? null : dryRun.reason(), e.requestedBy(),
                d == null || d.risk() == null ? null : write(d.risk()), e.override());
    }

    public static GateEvaluation toEvaluation(DecisionRecord row) {
        GateRequest request = read(row.inputsJson(), GateRequest.class);
        if (DecisionRecord.PENDING.equals(row.status())) {
            return GateEvaluation.start(row.id(), request, row.createdAt(), row.url(), row.requestedBy());
        }
        List<CheckResult> checks = readChecks(row.checksJson());
        GateDecision decision = new GateDecision(Verdict.valueOf(row.verdict()), row.score(), row.reason(), checks,
                new GateDecision.PolicyRef(row.policyName(), row.policyVersion()), request, row.decidedAt(),
                row.dryRunVerdict() == null ? null : new GateDecision.DryRun(Verdict.valueOf(row.dryRunVerdict()),
                        row.dryRunScore(), row.dryRunReason()),
                row.riskJson() == null ? null : read(row.riskJson(), RiskAdaptive.Stage.class));
        return new GateEvaluation(row.id(), GateEvaluation.Status.DONE, request, row.createdAt(), decision, row.url(),
                row.requestedBy(), row.override());
    }

    public static GateRequest request(DecisionRecord row) {
        return read(row.inputsJson(), GateRequest.class);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CheckResult> readChecks(String json) {
        try {
            return MAPPER.readValue(json, CHECKS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
