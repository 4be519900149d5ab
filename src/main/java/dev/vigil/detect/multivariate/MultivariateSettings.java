package dev.vigil.detect.multivariate;

/**
 * Settings of the Isolation Forest check over aligned metrics of one service.
 *
 * @param dimensions number of metrics per aligned point (>= 2)
 * @param window     recent points kept for fitting (>= 64)
 * @param refitEvery points between refits (>= 1); the forest always describes the recent past
 * @param warmUp     points before the first fit (>= 32, <= window)
 * @param trees      trees in the forest (>= 10)
 */
public record MultivariateSettings(int dimensions, int window, int refitEvery, int warmUp, int trees) {

    public MultivariateSettings {
        check(dimensions >= 2, "dimensions must be >= 2, got " + dimensions);
        check(window >= 64 && window <= 100_000, "window must be in [64, 100000], got " + window);
        check(refitEvery >= 1, "refitEvery must be >= 1, got " + refitEvery);
        check(warmUp >= 32 && warmUp <= window, "warmUp must be in [32, window=" + window + "], got " + warmUp);
        check(trees >= 10 && trees <= 1000, "trees must be in [10, 1000], got " + trees);
    }

    /** 512-point window, refit every 128 points, 100 trees. */
    public static MultivariateSettings defaults(int dimensions) {
        return new MultivariateSettings(dimensions, 512, 128, 128, 100);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
