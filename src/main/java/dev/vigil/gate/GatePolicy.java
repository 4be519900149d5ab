package dev.vigil.gate;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A resolved policy (inheritance applied): what the evaluator runs.
 *
 * @param name      file name without {@code .yaml}
 * @param version   content hash of the file and its ancestors, so a decision names exactly what judged it
 * @param lineage   this policy and its ancestors, nearest first
 * @param dryRun    the policy enforces nothing: its decisions answer PASS with the would-be verdict beside
 * @param riskAdaptive stricter limits for riskier deploys, or null
 */
public record GatePolicy(String name, String version, List<String> lineage, PolicyMatch match,
                         OnInconclusive onInconclusive, OnError onError, GateThresholds thresholds,
                         List<GateCheck> checks, boolean dryRun, RiskAdaptive riskAdaptive) {

    public GatePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        lineage = List.copyOf(lineage);
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(onInconclusive, "onInconclusive");
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(thresholds, "thresholds");
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + " has no checks");
        }
        Set<String> names = new HashSet<>();
        for (GateCheck c : checks) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("policy " + name + ": check name " + c.name() + " is used twice");
            }
        }
        if (riskAdaptive != null) {
            riskAdaptive.requireFits(name, checks);
        }
    }

    /** This policy with a risk band's thresholds and check limits; same name and version (the band is part of it). */
    GatePolicy under(RiskAdaptive.Band band) {
        return new GatePolicy(name, version, lineage, match, onInconclusive, onError,
                band.thresholds() == null ? thresholds : band.thresholds(), RiskAdaptive.apply(band, checks), dryRun,
                null);
    }
}
