package dev.vigil.gate.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.gate.GateCheck;
import dev.vigil.gate.GateThresholds;
import dev.vigil.gate.OnError;
import dev.vigil.gate.OnInconclusive;
import dev.vigil.gate.RiskAdaptive;
import java.util.List;

/**
 * One policy file as written: every field optional except what inheritance cannot supply. Unknown fields are
 * errors. See docs/gates.md for the schema.
 */
record PolicyDocument(String name, String description, @JsonProperty("extends") String parent, Match match,
                      OnInconclusive onInconclusive, OnError onError, GateThresholds thresholds,
                      List<GateCheck> checks, List<String> removeChecks, Boolean dryRun,
                      RiskAdaptive riskAdaptive) {

    /** The {@code match} block. */
    record Match(List<String> services, List<String> environments) {
    }

    List<GateCheck> checksOrEmpty() {
        return checks == null ? List.of() : checks;
    }

    List<String> removeChecksOrEmpty() {
        return removeChecks == null ? List.of() : removeChecks;
    }
}
