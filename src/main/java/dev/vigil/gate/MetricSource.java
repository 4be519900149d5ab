package dev.vigil.gate;

import java.time.Duration;
import java.time.Instant;

/**
 * The port to a metrics store the team already runs ({@code source: prometheus} checks). Only providers named in
 * Vigil's configuration can be asked: a policy names a provider, never a URL. A provider that cannot answer throws
 * {@link MetricSourceException}, and the check is INCONCLUSIVE with that reason.
 */
public interface MetricSource {

    /** No provider configured: every prometheus check is rejected before evaluation. */
    MetricSource NONE = new MetricSource() {
        @Override
        public boolean knows(String provider) {
            return false;
        }

        @Override
        public double[] range(String provider, String expression, Instant from, Instant to, Duration step) {
            throw new MetricSourceException("no metric provider named '" + provider + "' is configured");
        }
    };

    /** Whether Vigil's configuration has a provider of this name. */
    boolean knows(String provider);

    /**
     * The values of a PromQL expression at every {@code step} within [from, to]: the points of every series the
     * expression returns, in time order (an empty array when it returns nothing).
     *
     * @throws MetricSourceException the provider is down, timed out, refused the query or answered too much
     */
    double[] range(String provider, String expression, Instant from, Instant to, Duration step);
}
