package dev.vigil.detect.multivariate;

/**
 * Settings of the Isolation Forest check over aligned metrics of one service.
 *
 * @param dimensions  number of key metrics per aligned point (2 to {@link #MAX_DIMENSIONS})
 * @param window      recent points kept for fitting (64 to 8192)
 * @param refitEvery  points between refits (>= 1); the forest always describes the recent past
 * @param warmUp      points before the first fit (>= 32, <= window)
 * @param trees       trees in the forest (10 to 1000)
 * @param sensitivity as a univariate definition's: 0.5 ships; each 0.5 more counts evidence ten times rarer
 */
public record MultivariateSettings(int dimensions, int window, int refitEvery, int warmUp, int trees,
                                   double sensitivity) {

    public static final int MAX_DIMENSIONS = 16;

    public MultivariateSettings {
        check(dimensions >= 2 && dimensions <= MAX_DIMENSIONS,
                "metrics must be 2 to " + MAX_DIMENSIONS + " key metrics, got " + dimensions);
        check(window >= 64 && window <= 8192, "window must be in [64, 8192], got " + window);
        check(refitEvery >= 1, "refitEvery must be >= 1, got " + refitEvery);
        check(warmUp >= 32 && warmUp <= window, "warmUp must be in [32, window=" + window + "], got " + warmUp);
        check(trees >= 10 && trees <= 1000, "trees must be in [10, 1000], got " + trees);
        check(sensitivity >= 0 && sensitivity <= 1, "sensitivity must be in [0, 1], got " + sensitivity);
    }

    /** 1024-point window (17 h at one step a minute), refit every 128 points, 100 trees, sensitivity 0.5. */
    public static MultivariateSettings defaults(int dimensions) {
        return new MultivariateSettings(dimensions, 1024, 128, 128, 100, 0.5);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
