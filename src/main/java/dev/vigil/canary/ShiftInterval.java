package dev.vigil.canary;

/**
 * Result of the rank test on the location shift canary - baseline.
 *
 * @param estimate shift where the rank statistic crosses zero (the Hodges-Lehmann estimate, up to ties)
 * @param lower    lower end of the confidence interval
 * @param upper    upper end of the confidence interval
 * @param zAtZero  standardised rank statistic for "no shift"; positive when the canary ranks higher
 * @param critical the normal quantile the interval ends correspond to, (1 + confidence) / 2
 */
public record ShiftInterval(double estimate, double lower, double upper, double zAtZero, double critical) {

    /** The rank test rejects "no shift" in favour of a higher canary. */
    public boolean significantlyHigher() {
        return zAtZero > critical;
    }

    /** The rank test rejects "no shift" in favour of a lower canary. */
    public boolean significantlyLower() {
        return zAtZero < -critical;
    }
}
