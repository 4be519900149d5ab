package dev.vigil.predict;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Computes {@link ServiceFeatures} for a deploy starting at a given instant from the service's earlier deploys.
 * Only deploys strictly before that instant count, so features computed for a past deploy when training are the
 * ones that were knowable then.
 */
public final class ServiceFeatureExtractor {

    /**
     * @param window       how far back "recent" reaches (failure rate, frequency)
     * @param failureCap   the most "days since failure" can be (also its value when the service never failed)
     * @param zone         the service's time zone, for hour of day and day of week
     */
    public record Options(Duration window, Duration failureCap, ZoneId zone) {
        public Options {
            if (window.isNegative() || window.isZero() || failureCap.isNegative() || failureCap.isZero()) {
                throw new IllegalArgumentException("window and failureCap must be positive, got " + window + ", "
                        + failureCap);
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofDays(30), Duration.ofDays(365), ZoneId.of("UTC"));
        }
    }

    private final Options options;

    public ServiceFeatureExtractor(Options options) {
        this.options = options;
    }

    public ServiceFeatures extract(List<PastDeploy> history, int openAnomalies, Instant deployAt) {
        Instant windowStart = deployAt.minus(options.window());
        int started = 0;
        int labelled = 0;
        int failed = 0;
        Instant lastFailure = null;
        for (PastDeploy d : history) {
            if (!d.at().isBefore(deployAt)) {
                continue; // the future, or this very deploy
            }
            if (d.outcome().isFailure() && (lastFailure == null || d.at().isAfter(lastFailure))) {
                lastFailure = d.at();
            }
            if (!d.at().isBefore(windowStart)) {
                started++;
                labelled += d.outcome().isLabelled() ? 1 : 0;
                failed += d.outcome().isFailure() ? 1 : 0;
            }
        }
        double days = options.window().toSeconds() / 86_400.0;
        double cap = options.failureCap().toSeconds() / 86_400.0;
        double sinceFailure = lastFailure == null ? cap
                : Math.min(cap, Duration.between(lastFailure, deployAt).toSeconds() / 86_400.0);
        ZonedDateTime local = deployAt.atZone(options.zone());
        return new ServiceFeatures(labelled == 0 ? 0 : (double) failed / labelled, started / days, sinceFailure,
                openAnomalies, local.getHour(), local.getDayOfWeek().getValue());
    }
}
