package dev.vigil.predict;

import java.util.List;

/**
 * What the service's own recent history and live state say about a deploy.
 *
 * @param failureRate      share of the labelled deploys in the window that failed or were rolled back (0 if none)
 * @param deploysPerDay    deploys started in the window, per day
 * @param daysSinceFailure days since the last failed deploy, capped (no failure ever = the cap)
 * @param openAnomalies    anomalies open on the service when the deploy starts
 * @param hourOfDay        0-23, in the service's time zone
 * @param dayOfWeek        1 (Monday) - 7 (Sunday)
 */
public record ServiceFeatures(double failureRate, double deploysPerDay, double daysSinceFailure, int openAnomalies,
                              int hourOfDay, int dayOfWeek) {

    public static final List<String> NAMES = List.of(
            "failure_rate", "deploys_per_day", "days_since_failure", "open_anomalies", "hour_of_day", "day_of_week");

    public ServiceFeatures {
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be in [0, 1], got " + failureRate);
        }
        if (!(deploysPerDay >= 0) || !(daysSinceFailure >= 0) || openAnomalies < 0) {
            throw new IllegalArgumentException("deploysPerDay, daysSinceFailure and openAnomalies must be >= 0, got "
                    + deploysPerDay + ", " + daysSinceFailure + ", " + openAnomalies);
        }
        if (hourOfDay < 0 || hourOfDay > 23 || dayOfWeek < 1 || dayOfWeek > 7) {
            throw new IllegalArgumentException("hourOfDay must be 0-23 and dayOfWeek 1-7, got " + hourOfDay + ", "
                    + dayOfWeek);
        }
    }

    public double[] toArray() {
        return new double[] {failureRate, deploysPerDay, daysSinceFailure, openAnomalies, hourOfDay, dayOfWeek};
    }
}
