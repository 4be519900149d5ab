package dev.vigil.gate;

import dev.vigil.core.ChangeSummary;
import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ports through which the gate reads the world. Plain Java: the store, the detectors and the prediction
 * capability implement them; tests use in-memory ones. A port that cannot answer throws; the check is then ERROR
 * and the policy's onError decides.
 */
public final class Evidence {

    private Evidence() {
    }

    /**
     * Anomalies of the service in the environment that were open at some time within [from, to]: detected at or
     * before {@code to} and not resolved before {@code from}. An anomaly that began earlier and is still open counts.
     */
    public interface Anomalies {
        List<OpenAnomaly> open(String service, String environment, Instant from, Instant to);

        /**
         * How many series of the service (in the environment) detection watches: the service's false-alarm budget
         * is shared among them ({@link ServiceIncidents}). 1 when unknown, which grades every series on its own.
         */
        default int seriesCount(String service, String environment) {
            return 1;
        }
    }

    /**
     * How many series detection watches for a service: those of the service seen lately whose
     * {@code environmentLabel} is {@code environment} or absent (a series without it counts for every environment).
     */
    public interface SeriesCounts {
        int count(String service, String environmentLabel, String environment);
    }

    /** Metric samples of one series selector, in time order. */
    public interface Metrics {
        double[] samples(SeriesSelector selector, Instant from, Instant to);

        /**
         * One aggregate of the selected samples within [from, to]; NaN when there are none (COUNT gives 0). A store
         * that keeps rollups rather than every sample answers the exact ones (avg, min, max, sum, count, last) from
         * them.
         */
        default double aggregate(SeriesSelector selector, Aggregate aggregate, Instant from, Instant to) {
            return aggregate.apply(samples(selector, from, to));
        }
    }

    /** When the release before this one was live, for SLOs relative to the previous release. */
    public interface Releases {
        Optional<ReleaseWindow> previous(String service, String environment, String currentVersion, Instant before);
    }

    /** The prediction capability: probability 0-1 that this deploy fails. */
    public interface FailureProbability {
        double of(GateRequest request);

        /**
         * The change of the release in plain words, from the prediction Vigil already made for it (at its deploy,
         * or for a gate's failure-probability check); never predicts. Empty when none was made.
         */
        default Optional<ChangeSummary> known(GateRequest request) {
            return Optional.empty();
        }

        /**
         * The prediction already made for this deploy, if any, without predicting now: cheap enough for every gate
         * request ({@link RiskAdaptive} reads it). Empty when the capability keeps none.
         */
        default java.util.OptionalDouble knownProbability(GateRequest request) {
            return java.util.OptionalDouble.empty();
        }
    }

    /**
     * An anomaly open within the window, as much as the gate needs to weigh it and explain itself.
     *
     * @param severity   as detection graded the series on its own
     * @param endedAt    when it closed, or null while it is open
     * @param peakScore  its highest detection score, in [0, 1]: a false-alarm rate ({@code AlarmRate})
     */
    public record OpenAnomaly(String id, String metric, Severity severity, Instant detectedAt, Instant endedAt,
                              double peakScore, String summary) {
        public OpenAnomaly {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(detectedAt, "detectedAt");
            if (!(peakScore >= 0 && peakScore <= 1)) {
                throw new IllegalArgumentException("peakScore must be in [0, 1], got " + peakScore);
            }
        }

        /** Whether it was open at some moment at or after {@code t}. */
        boolean openAtOrAfter(Instant t) {
            return endedAt == null || !endedAt.isBefore(t);
        }
    }

    /** Which series to read: service, environment, metric name and exact label values. */
    public record SeriesSelector(String service, String environment, String metric, Map<String, String> labels) {
        public SeriesSelector {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(metric, "metric");
            labels = Map.copyOf(labels);
        }
    }

    /** A version and the time it was live. */
    public record ReleaseWindow(String version, Instant from, Instant to) {
        public ReleaseWindow {
            Objects.requireNonNull(version, "version");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("release window must end after it starts: " + from + " .. " + to);
            }
        }
    }
}
