package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic changes whose failure odds grow with lines added and fall with author experience. */
final class SyntheticChanges {

    private SyntheticChanges() {
    }

    static List<LabeledChange> generate(int n, long seed) {
        Random random = new Random(seed);
        List<LabeledChange> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double la = Math.floor(Math.exp(random.nextGaussian() * 1.5 + 3));
            double exp = Math.floor(Math.exp(random.nextGaussian() + 4));
            double logit = -1.0 + 1.2 * (Math.log1p(la) - 3) - 0.8 * (Math.log1p(exp) - 4);
            boolean failed = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            ChangeFeatures features = new ChangeFeatures(1, 1 + random.nextInt(3), 1 + random.nextInt(5),
                    random.nextDouble(), la, Math.floor(la * random.nextDouble()), 100 + random.nextInt(1000),
                    random.nextInt(4) == 0 ? 1 : 0, 1 + random.nextInt(10), random.nextDouble() * 100,
                    1 + random.nextInt(50), exp, exp / 3, exp / 2);
            changes.add(new LabeledChange("c" + i, 1_600_000_000L + i * 3600L, failed, features));
        }
        return changes;
    }

    static double[] lines(double la, double exp) {
        return new ChangeFeatures(1, 1, 1, 0, la, 0, 500, 0, 3, 30, 10, exp, exp / 3, exp / 2).toArray();
    }
}
