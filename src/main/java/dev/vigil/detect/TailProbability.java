package dev.vigil.detect;

/**
 * Gaussian upper-tail probabilities in log space, so that 8-sigma events stay distinguishable from
 * 30-sigma ones (a plain {@code erfc} underflows and loses the ranking).
 */
public final class TailProbability {

    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    // Borjesson-Sundberg (1979): Q(x) ~ phi(x) / ((1-a)x + a sqrt(x^2 + b)), relative error < 0.3 % for x >= 0.
    private static final double A = 0.339;
    private static final double B = 5.510;

    private TailProbability() {
    }

    /** ln P(Z > z) for a standard normal Z; exact enough for scoring at any z. */
    public static double lnUpperTail(double z) {
        if (z <= 0) {
            return Math.log(1 - 0.5 * Math.exp(lnTailPositive(-z)));
        }
        return lnTailPositive(z);
    }

    private static double lnTailPositive(double x) {
        double denominator = (1 - A) * x + A * Math.sqrt(x * x + B);
        return -0.5 * x * x - LN_SQRT_2PI - Math.log(denominator);
    }
}
