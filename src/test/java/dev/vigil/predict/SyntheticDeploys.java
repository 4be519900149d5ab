package dev.vigil.predict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded deploys whose failure odds grow with lines added and with open anomalies. */
final class SyntheticDeploys {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SyntheticDeploys() {
    }

    static List<LabeledDeploy> generate(int n, long seed) {
        Random random = new Random(seed);
        List<LabeledDeploy> deploys = new ArrayList<>();
        List<LabeledChange> changes = SyntheticChanges.generate(n, seed);
        for (int i = 0; i < n; i++) {
            int anomalies = random.nextInt(4);
            ServiceFeatures service = new ServiceFeatures(random.nextDouble() * 0.5, random.nextDouble() * 5,
                    random.nextDouble() * 100, anomalies, random.nextInt(24), 1 + random.nextInt(7));
            boolean failed = changes.get(i).failed() || (anomalies == 3 && random.nextBoolean());
            DeployOutcome outcome = failed ? (random.nextBoolean() ? DeployOutcome.FAILED : DeployOutcome.ROLLED_BACK)
                    : DeployOutcome.SUCCEEDED;
            deploys.add(new LabeledDeploy("d" + i, T0.plusSeconds(3600L * i), changes.get(i).features(), service,
                    outcome, false));
        }
        return deploys;
    }
}
