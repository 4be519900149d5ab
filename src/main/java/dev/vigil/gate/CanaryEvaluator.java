package dev.vigil.gate;

import dev.vigil.canary.CanaryJudge;
import dev.vigil.canary.CanaryResult;
import dev.vigil.canary.Label;
import dev.vigil.canary.MetricClassification;
import dev.vigil.canary.MetricSpec;
import dev.vigil.canary.SamplePair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads canary and baseline samples per metric and runs the canary judge. */
final class CanaryEvaluator {

    private final Evidence.Metrics metrics;
    private final MetricSource providers;
    private final CanaryJudge judge;

    CanaryEvaluator(Evidence.Metrics metrics, MetricSource providers, CanaryJudge judge) {
        this.metrics = metrics;
        this.providers = providers;
        this.judge = judge;
    }

    /** Fails fast, before any evidence is read, when the request names metrics the check does not define. */
    static void validate(CanaryCheck check, GateRequest request) {
        if (request.canary() == null) {
            return;
        }
        List<String> defined = check.metrics().stream().map(CanaryMetric::name).toList();
        for (String m : request.canary().metrics()) {
            if (!defined.contains(m)) {
                throw new GateRejectedException("canary.metrics names '" + m + "', which check '" + check.name()
                        + "' does not define; defined: " + String.join(", ", defined));
            }
        }
    }

    CheckResult evaluate(CanaryCheck check, GateRequest request, Instant now) {
        CanaryRequest canary = request.canary();
        if (canary == null) {
            return CheckResult.of(check, CheckStatus.INCONCLUSIVE, null, "the request has no canary block, so there is "
                    + "no canary to compare with its baseline", List.of(), false);
        }
        Duration window = window(check, canary);
        List<CanaryMetric> chosen = chosen(check, canary);
        Map<String, SamplePair> data = samples(check, request, now);
        List<MetricSpec> specs = chosen.stream().map(CanaryMetric::spec).toList();
        CanaryResult result = judge.judge(specs, data, check.thresholds());
        return toResult(check, canary, window, result);
    }

    /** The request's canary window, else the check's. */
    static Duration window(CanaryCheck check, CanaryRequest canary) {
        return canary.window() == null ? check.window() : canary.window();
    }

    /** The check's metrics the request judges (all when it names none), in policy order. */
    static List<CanaryMetric> chosen(CanaryCheck check, CanaryRequest canary) {
        return check.metrics().stream()
                .filter(m -> canary.metrics().isEmpty() || canary.metrics().contains(m.name())).toList();
    }

    /**
     * Canary and baseline samples per judged metric over the window ending at {@code now}, in policy order: what
     * the judge weighs, and what the decision page draws. The request has a canary block.
     */
    Map<String, SamplePair> samples(CanaryCheck check, GateRequest request, Instant now) {
        CanaryRequest canary = request.canary();
        Duration window = window(check, canary);
        Map<String, SamplePair> data = new LinkedHashMap<>();
        for (CanaryMetric m : chosen(check, canary)) {
            data.put(m.name(), new SamplePair(read(check, request, m, canary.canary(), window, now),
                    read(check, request, m, canary.baseline(), window, now)));
        }
        return data;
    }

    private double[] read(CanaryCheck check, GateRequest request, CanaryMetric m, String value, Duration window,
                          Instant now) {
        if (check.source() == Source.PROMETHEUS) {
            String query = PromQl.expand(m.query(), request, request.canary().label(), value);
            return providers.range(check.provider(), query, now.minus(window), now, PromQl.step(check.step(), window));
        }
        Map<String, String> labels = new LinkedHashMap<>(m.labels());
        labels.put(request.canary().label(), value);
        return metrics.samples(new Evidence.SeriesSelector(request.service(), request.environment(), m.name(), labels),
                now.minus(window), now);
    }

    private static CheckResult toResult(CanaryCheck check, CanaryRequest canary, Duration window, CanaryResult r) {
        CheckStatus status = switch (r.verdict()) {
            case PASS -> CheckStatus.PASS;
            case MARGINAL -> CheckStatus.WARN;
            case FAIL -> CheckStatus.FAIL;
            case INCONCLUSIVE -> CheckStatus.INCONCLUSIVE;
        };
        boolean shortOfData = r.metrics().stream().anyMatch(m -> m.label() == Label.NODATA);
        List<String> failed = r.failedMetrics().stream().map(MetricClassification::metric).toList();
        String explanation = (check.source() == Source.PROMETHEUS ? "from Prometheus '" + check.provider() + "': " : "")
                + "canary " + canary.label() + "=" + canary.canary() + " vs baseline " + canary.label() + "="
                + canary.baseline() + " over " + window + ": " + r.reason()
                + (failed.isEmpty() ? "" : "; failing metrics: " + String.join(", ", failed));
        List<String> details = r.metrics().stream().map(CanaryEvaluator::line).toList();
        Double score = Double.isNaN(r.score().score()) ? null : r.score().score();
        return CheckResult.of(check, status, score, explanation, details, shortOfData);
    }

    private static String line(MetricClassification m) {
        return m.metric() + ": " + m.label().name().toLowerCase(Locale.ROOT) + (m.critical() ? " (critical)" : "")
                + " - " + m.reason();
    }
}
