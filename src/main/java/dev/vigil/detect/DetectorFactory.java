package dev.vigil.detect;

import java.util.Locale;

/** Builds univariate detectors by algorithm name. The one shipped algorithm is {@code seasonal}. */
public final class DetectorFactory {

    public static final String SEASONAL = "seasonal";

    private DetectorFactory() {
    }

    public static Detector create(String algorithm, DetectorSettings settings) {
        String name = algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT);
        if (name.equals(SEASONAL)) {
            return new SeasonalDetector(settings);
        }
        throw new IllegalArgumentException("unknown algorithm '" + algorithm + "', expected one of [seasonal]");
    }
}
