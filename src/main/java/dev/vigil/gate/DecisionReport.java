package dev.vigil.gate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the decision page shows besides the stored evaluation: the evidence windows of its checks, the canary
 * and baseline samples over the canary window, the anomalies open in the anomaly windows and the deploy's predicted
 * risk. Windows, series and anomalies need the policy that decided; when it has changed since (another version is
 * in force) they are left out and {@code notes} says why.
 *
 * @param policy the policy that decided, if it is still the one in force under its name
 * @param notes  why something is missing, one sentence each
 */
public record DecisionReport(GateEvaluation evaluation, Optional<GatePolicy> policy, List<Window> windows,
                             List<CanarySeries> canaries, List<Evidence.OpenAnomaly> anomalies,
                             Optional<DeployRiskReport> risk, List<String> notes) {

    public DecisionReport {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(policy, "policy");
        windows = List.copyOf(windows);
        canaries = List.copyOf(canaries);
        anomalies = List.copyOf(anomalies);
        Objects.requireNonNull(risk, "risk");
        notes = List.copyOf(notes);
    }

    /** The time one check read its evidence over. */
    public record Window(String check, String kind, Instant from, Instant to) {
        public Window {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(kind, "kind");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("window of " + check + " ends before it starts");
            }
        }
    }

    /**
     * One canary metric's samples, in time order, over [from, to]: canary ({@code label=canaryValue}) and baseline.
     * Arrays are copied in and out.
     */
    public record CanarySeries(String check, String metric, String label, String canaryValue, String baselineValue,
                               Instant from, Instant to, double[] canary, double[] baseline) {
        public CanarySeries {
            Objects.requireNonNull(metric, "metric");
            canary = canary.clone();
            baseline = baseline.clone();
        }

        @Override
        public double[] canary() {
            return canary.clone();
        }

        @Override
        public double[] baseline() {
            return baseline.clone();
        }
    }
}
