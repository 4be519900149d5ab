package dev.vigil.attribute;

import java.util.List;

/**
 * The probable cause of an anomaly: one deploy, with a confidence in (0, 1] and the reasons behind it.
 *
 * @param deployId    the deploy
 * @param environment its environment
 * @param version     its version
 * @param commits     {@code A..B} (previous..deployed), the deployed commit alone, or null
 * @param confidence  the deploy's share of the evidence (see {@link DeployAttribution})
 * @param reasons     one sentence per factor that moved the confidence
 */
public record Attribution(String deployId, String environment, String version, String commits, double confidence,
                          List<String> reasons) {

    public Attribution {
        if (!(confidence > 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1], got " + confidence);
        }
        reasons = List.copyOf(reasons);
    }
}
