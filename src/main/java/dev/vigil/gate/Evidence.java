package dev.vigil.gate;

import dev.vigil.core.ChangeSummary;
import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

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
         * What Vigil already predicted for this release, without predicting now: cheap enough for every gate
         * answer, and read once per answer ({@link KnownOnce}), as the risk stage and the change summary both need it.
         * {@link KnownPrediction#NONE} when the capability keeps none.
         */
        default KnownPrediction known(GateRequest request) {
            return KnownPrediction.NONE;
        }
    }

    /**
     * The predictions already made for a release, as far as one gate answer needs them.
     *
     * @param deployRisk the failure probability stored for the deploy of the request (same service, environment,
     *                   version and commit), which picks a risk band ({@link RiskAdaptive}); empty when none was made
     * @param change     the change in plain words, from the deploy's prediction, else from the newest one a gate asked
     *                   for; empty when none was made
     */
    public record KnownPrediction(OptionalDouble deployRisk, Optional<ChangeSummary> change) {
        public static final KnownPrediction NONE = new KnownPrediction(OptionalDouble.empty(), Optional.empty());

        public KnownPrediction {
            Objects.requireNonNull(deployRisk, "deployRisk");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The known prediction of one request, read from the port at most once and only when first asked for: the risk
     * stage and the answer's change summary share one read, so they always describe the same prediction. First asked
     * after the checks ran, so a prediction a failure-probability check made for this release is seen. A port that
     * throws gives {@link KnownPrediction#NONE} (the policy's own limits, no change shown), remembered with its
     * failure, never thrown: neither the decision nor the answer depends on it. One answer, one thread.
     */
    public static final class KnownOnce {
        private final FailureProbability port;
        private final GateRequest request;
        private KnownPrediction value;
        private RuntimeException failure;

        /** @param port null when Vigil has no prediction capability: nothing is known */
        public KnownOnce(FailureProbability port, GateRequest request) {
            this.port = port;
            this.request = Objects.requireNonNull(request, "request");
        }

        public KnownPrediction get() {
            if (value == null) {
                try {
                    value = port == null ? KnownPrediction.NONE : Objects.requireNonNull(port.known(request), "known");
                } catch (RuntimeException e) {
                    failure = e;
                    value = KnownPrediction.NONE;
                }
            }
            return value;
        }

        /** Why the read failed, once {@link #get} was called; null when it did not. */
        public RuntimeException failure() {
            return failure;
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
