package dev.vigil.gate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Holds a recent metric aggregate against limits, absolutely or as a percent change from the previous release. */
final class SloEvaluator {

    private final Evidence.Metrics metrics;
    private final MetricSource providers;
    private final Evidence.Releases releases;

    SloEvaluator(Evidence.Metrics metrics, MetricSource providers, Evidence.Releases releases) {
        this.metrics = metrics;
        this.providers = providers;
        this.releases = releases;
    }

    CheckResult evaluate(SloCheck check, GateRequest request, Instant now) {
        Instant from;
        Instant to;
        String when;
        if (check.anchor() == SloCheck.Anchor.DEPLOY) {
            if (request.deployedAt() == null || !request.deployedAt().isBefore(now)) {
                return inconclusive(check, "the window starts at the deploy, and the request "
                        + (request.deployedAt() == null ? "has no deployedAt" : "says it is still to come"));
            }
            from = request.deployedAt();
            Instant end = from.plus(check.window());
            to = end.isBefore(now) ? end : now;
            when = " over " + check.window() + " from the deploy at " + from + (to == now ? " (so far)" : "");
        } else {
            from = now.minus(check.window());
            to = now;
            when = " over the last " + check.window();
        }
        double current = aggregate(check, request, from, to);
        String what = check.aggregate().name().toLowerCase(Locale.ROOT) + " of " + subject(check) + when;
        if (Double.isNaN(current)) {
            return inconclusive(check, "no samples for " + what);
        }
        if (check.comparison() == SloCheck.Comparison.ABSOLUTE) {
            CheckStatus status = check.limits().grade(current);
            return CheckResult.of(check, status, current, what + " is " + fmt(current), List.of(), false);
        }
        return relative(check, request, now, current, what);
    }

    private double aggregate(SloCheck check, GateRequest request, Instant from, Instant to) {
        if (check.source() == Source.PROMETHEUS) {
            String query = PromQl.expand(check.query(), request, null, null);
            return check.aggregate().apply(providers.range(check.provider(), query, from, to,
                    PromQl.step(check.step(), java.time.Duration.between(from, to))));
        }
        Evidence.SeriesSelector selector = new Evidence.SeriesSelector(request.service(), request.environment(),
                check.metric(), check.labels());
        return metrics.aggregate(selector, check.aggregate(), from, to);
    }

    private static String subject(SloCheck check) {
        return check.source() == Source.PROMETHEUS
                ? "`" + check.query() + "` from Prometheus '" + check.provider() + "'" : check.metric();
    }

    private CheckResult relative(SloCheck check, GateRequest request, Instant now, double current, String what) {
        Optional<Evidence.ReleaseWindow> previous = releases.previous(request.service(), request.environment(),
                request.version(), now);
        if (previous.isEmpty()) {
            return inconclusive(check, "no previous release of " + request.service() + " in " + request.environment()
                    + " to compare " + what + " with");
        }
        Evidence.ReleaseWindow prev = previous.get();
        Instant from = prev.to().minus(check.window()).isBefore(prev.from()) ? prev.from() : prev.to().minus(check.window());
        double before = aggregate(check, request, from, prev.to());
        if (Double.isNaN(before) || (before == 0 && current != 0)) {
            return inconclusive(check, "the previous release " + prev.version() + " has "
                    + (Double.isNaN(before) ? "no samples" : "a value of 0") + " for " + subject(check)
                    + ", so a relative change is undefined");
        }
        double change = before == 0 ? 0 : 100 * (current - before) / Math.abs(before);
        CheckStatus status = check.limits().grade(change);
        return CheckResult.of(check, status, change, what + " is " + fmt(current) + ", " + signed(change)
                + "% against " + fmt(before) + " in release " + prev.version(), List.of(), false);
    }

    private static CheckResult inconclusive(SloCheck check, String why) {
        return CheckResult.of(check, CheckStatus.INCONCLUSIVE, null, why, List.of(), false);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.1f", v);
    }
}
