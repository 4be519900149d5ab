package dev.vigil.gate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Holds the predicted failure probability of the deploy against the check's limits. */
final class FailureProbabilityEvaluator {

    private final Evidence.FailureProbability prediction;

    FailureProbabilityEvaluator(Evidence.FailureProbability prediction) {
        this.prediction = prediction;
    }

    CheckResult evaluate(FailureProbabilityCheck check, GateRequest request, Instant now) {
        double p = prediction.of(request);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalStateException("the prediction returned " + p + ", not a probability");
        }
        return CheckResult.of(check, check.limits().grade(p), p, String.format(Locale.ROOT,
                "predicted failure probability of %s at %s is %.2f", request.version(), request.commit(), p),
                List.of(), false);
    }
}
