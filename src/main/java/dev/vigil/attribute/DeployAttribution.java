package dev.vigil.attribute;

import dev.vigil.core.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the deploy that probably caused an anomaly, with a confidence.
 *
 * <p>The confidence is a deploy's share of the evidence among every explanation of the anomaly: each deploy of the
 * service that started at most {@code window} before the anomaly opened (and not after it) gets a weight, and
 * "something other than a deploy" gets a background weight {@code b}:
 *
 * <pre>
 *   w(d)       = proximity(d) x rollout(d) x history(d)
 *   proximity  = 1 - delay / window            delay = anomaly opened - deploy started, in [0, window)
 *   rollout    = rolloutBoost (2) when the anomaly opened while d was rolling out, else 1
 *   history    = alreadyAnomalous (0.25) when the series was anomalous within the window before d started, else 1
 *   b          = background (0.25) x severity factor (info 2, warning 1, critical 0.5)
 *   confidence = w(best) / (sum of w over the candidates + b)
 * </pre>
 *
 * So: a lone deploy 5 minutes before a warning anomaly (30 min window) gets 0.83 / 1.08 = 0.77; the confidence
 * falls with the delay and reaches 0 at the window's edge (no jump where attribution stops);
 * two deploys in the window split the evidence; a series that was already unhealthy before the deploy gives the
 * deploy less credit; a critical anomaly leaves less room for "noise" than an info one. No candidate: no
 * attribution. The rule reads no clock: every time is in its arguments.
 */
public final class DeployAttribution {

    /**
     * @param window           how long after a deploy's start an anomaly may still be blamed on it
     * @param background       weight of "not caused by a deploy" for a warning anomaly (> 0)
     * @param rolloutBoost     factor on a deploy that was still rolling out when the anomaly opened (>= 1)
     * @param alreadyAnomalous factor on a deploy whose series was anomalous within the window before it (in (0, 1])
     */
    public record Settings(Duration window, double background, double rolloutBoost, double alreadyAnomalous) {
        public Settings {
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + window);
            }
            if (!(background > 0) || !(rolloutBoost >= 1) || !(alreadyAnomalous > 0 && alreadyAnomalous <= 1)) {
                throw new IllegalArgumentException("background must be > 0, rolloutBoost >= 1 and alreadyAnomalous in"
                        + " (0, 1], got " + background + ", " + rolloutBoost + ", " + alreadyAnomalous);
            }
        }

        public static Settings withWindow(Duration window) {
            return new Settings(window, 0.25, 2.0, 0.25);
        }

        public static Settings defaults() {
            return withWindow(Duration.ofMinutes(30));
        }
    }

    private record Weighed(DeployFacts deploy, double weight, List<String> reasons) {
    }

    private final Settings settings;

    public DeployAttribution(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The probable-cause deploy among {@code deploys} (any order; other services' are the caller's to leave out). */
    public Optional<Attribution> attribute(AnomalyFacts anomaly, List<DeployFacts> deploys) {
        List<Weighed> candidates = new ArrayList<>();
        for (DeployFacts d : deploys) {
            if (inScope(anomaly, d)) {
                candidates.add(weigh(anomaly, d));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        double severity = severityFactor(anomaly.severity());
        double background = settings.background() * severity;
        double total = background + candidates.stream().mapToDouble(Weighed::weight).sum();
        Weighed best = candidates.stream().max(Comparator.comparingDouble(Weighed::weight)
                .thenComparing(w -> w.deploy().startedAt()).thenComparing(w -> w.deploy().deployId())).orElseThrow();
        List<String> reasons = new ArrayList<>(best.reasons());
        if (candidates.size() > 1) {
            reasons.add(String.format(Locale.ROOT, "%d deploys of the service started in the %s before the anomaly;"
                    + " they share the evidence", candidates.size(), minutes(settings.window())));
        }
        reasons.add(String.format(Locale.ROOT, "severity %s: weight %.2f left for causes other than a deploy",
                anomaly.severity().wireName(), background));
        DeployFacts d = best.deploy();
        return Optional.of(new Attribution(d.deployId(), d.environment(), d.version(), d.commits(),
                best.weight() / total, reasons));
    }

    private boolean inScope(AnomalyFacts anomaly, DeployFacts d) {
        if (anomaly.environment() != null && d.environment() != null && !anomaly.environment().equals(d.environment())) {
            return false;
        }
        Duration delay = Duration.between(d.startedAt(), anomaly.openedAt());
        return !delay.isNegative() && delay.compareTo(settings.window()) < 0;
    }

    private Weighed weigh(AnomalyFacts anomaly, DeployFacts d) {
        Duration delay = Duration.between(d.startedAt(), anomaly.openedAt());
        double proximity = 1 - (double) delay.toMillis() / settings.window().toMillis();
        List<String> reasons = new ArrayList<>();
        reasons.add(String.format(Locale.ROOT, "deploy %s started %s before the anomaly opened on %s (window %s):"
                + " proximity %.2f", d.version(), minutes(delay), anomaly.metric(), minutes(settings.window()),
                proximity));
        double weight = proximity;
        if (d.rollingOutAt(anomaly.openedAt())) {
            weight *= settings.rolloutBoost();
            reasons.add(String.format(Locale.ROOT, "the anomaly opened during the rollout: x%.2f",
                    settings.rolloutBoost()));
        }
        if (anomaly.earlier().stream().anyMatch(e -> e.overlaps(d.startedAt().minus(settings.window()), d.startedAt()))) {
            weight *= settings.alreadyAnomalous();
            reasons.add(String.format(Locale.ROOT, "the series was already anomalous in the %s before the deploy:"
                    + " x%.2f", minutes(settings.window()), settings.alreadyAnomalous()));
        }
        return new Weighed(d, weight, reasons);
    }

    /** A severe anomaly is less likely to be noise, so the background explanation weighs less. */
    static double severityFactor(Severity severity) {
        return switch (severity) {
            case INFO -> 2.0;
            case WARNING -> 1.0;
            case CRITICAL -> 0.5;
        };
    }

    private static String minutes(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }
}
