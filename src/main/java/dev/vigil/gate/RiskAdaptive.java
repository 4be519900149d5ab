package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Risk-adaptive strictness: the deploy's predicted failure probability picks a band, and the band's thresholds and
 * check limits replace the policy's (a high-risk change is held to a lower tolerance). The band with the highest
 * {@code minRisk} at or below the risk applies; below every band, or without a prediction for the deploy, the
 * policy's own limits do. In {@code dryRun} the band's verdict is kept beside the enforced one, never enforced.
 *
 * @param bands in ascending {@code minRisk}
 */
public record RiskAdaptive(boolean dryRun, List<Band> bands) {

    /** At most this many bands: a policy is read by people. */
    public static final int MAX_BANDS = 8;

    public RiskAdaptive {
        if (bands == null || bands.isEmpty() || bands.size() > MAX_BANDS) {
            throw new IllegalArgumentException("riskAdaptive.bands needs 1-" + MAX_BANDS + " bands");
        }
        bands = bands.stream().sorted(Comparator.comparingDouble(Band::minRisk)).toList();
        for (int i = 1; i < bands.size(); i++) {
            if (bands.get(i).minRisk() == bands.get(i - 1).minRisk()) {
                throw new IllegalArgumentException("riskAdaptive.bands: two bands start at minRisk "
                        + bands.get(i).minRisk());
            }
        }
    }

    @JsonCreator
    static RiskAdaptive fromYaml(@JsonProperty("dryRun") Boolean dryRun, @JsonProperty("bands") List<Band> bands) {
        return new RiskAdaptive(Boolean.TRUE.equals(dryRun), bands);
    }

    /**
     * One band: from {@code minRisk} up, the policy's thresholds and the named checks' limits are replaced.
     *
     * @param label  shown in reasons, e.g. "high-risk"
     * @param checks check name -> its pass/warn limits in this band (read in the check's own direction)
     */
    public record Band(double minRisk, String label, GateThresholds thresholds, Map<String, BandLimits> checks) {
        public Band {
            if (!(minRisk >= 0 && minRisk <= 1)) {
                throw new IllegalArgumentException("riskAdaptive band: minRisk must be a probability within 0-1, got "
                        + minRisk);
            }
            if (label == null || !label.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")) {
                throw new IllegalArgumentException("riskAdaptive band: label must be 1-64 letters, digits, spaces or "
                        + "._-, got '" + label + "'");
            }
            checks = checks == null ? Map.of() : new TreeMap<>(checks);
            if (thresholds == null && checks.isEmpty()) {
                throw new IllegalArgumentException("riskAdaptive band " + label + ": set 'thresholds' or 'checks' (or both)");
            }
        }

        @JsonCreator
        static Band fromYaml(@JsonProperty("minRisk") Double minRisk, @JsonProperty("label") String label,
                             @JsonProperty("thresholds") GateThresholds thresholds,
                             @JsonProperty("checks") Map<String, BandLimits> checks) {
            if (minRisk == null) {
                throw new IllegalArgumentException("riskAdaptive band: field 'minRisk' is required");
            }
            return new Band(minRisk, label == null ? "high-risk" : label, thresholds, checks);
        }
    }

    /** A check's limits within a band; {@code warn} defaults to {@code pass}. */
    public record BandLimits(double pass, double warn) {
        @JsonCreator
        static BandLimits fromYaml(@JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn) {
            if (pass == null) {
                throw new IllegalArgumentException("riskAdaptive band check: field 'pass' is required");
            }
            return new BandLimits(pass, warn == null ? pass : warn);
        }
    }

    /** Every band names checks of the policy and gives limits their direction accepts. */
    void requireFits(String policy, List<GateCheck> checks) {
        Set<String> names = checks.stream().map(GateCheck::name).collect(Collectors.toSet());
        for (Band b : bands) {
            for (String name : b.checks().keySet()) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("riskAdaptive band " + b.label() + " names check '" + name
                            + "', which policy " + policy + " does not have; its checks: " + String.join(", ", names));
                }
            }
            try {
                apply(b, checks); // the limits' own rules (direction, ranges) are checked at load time
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("riskAdaptive band " + b.label() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The checks held against the band's limits. */
    static List<GateCheck> apply(Band band, List<GateCheck> checks) {
        List<GateCheck> out = new ArrayList<>(checks.size());
        for (GateCheck c : checks) {
            BandLimits l = band.checks().get(c.name());
            out.add(l == null ? c : c.withLimits(new Limits(l.pass(), l.warn(), c.limits().lowerIsBetter())));
        }
        return out;
    }

    /** The band for this risk: the one with the highest minRisk at or below it; empty below every band. */
    public Optional<Band> band(double risk) {
        Band picked = null;
        for (Band b : bands) {
            if (risk >= b.minRisk()) {
                picked = b;
            }
        }
        return Optional.ofNullable(picked);
    }

    /** How the risk picked (or did not pick) a band, in words, e.g. "risk 0.42 >= 0.30: high-risk limits". */
    Stage stage(OptionalDouble risk) {
        if (risk.isEmpty()) {
            return new Stage(null, null, null, dryRun, "no failure prediction for this deploy: the policy's own limits");
        }
        double p = risk.getAsDouble();
        Optional<Band> b = band(p);
        if (b.isEmpty()) {
            return new Stage(p, null, null, dryRun, String.format(Locale.ROOT, "risk %.2f < %.2f: the policy's own limits",
                    p, bands.get(0).minRisk()));
        }
        return new Stage(p, b.get().minRisk(), b.get().label(), dryRun, String.format(Locale.ROOT,
                "risk %.2f >= %.2f: %s limits", p, b.get().minRisk(), b.get().label()));
    }

    /**
     * What the risk stage of a decision did.
     *
     * @param risk    the deploy's predicted failure probability, or null when none is known
     * @param minRisk the band applied (its lower bound), or null when none
     * @param band    the band's label, or null
     * @param dryRun  the band was kept beside the verdict, not enforced
     */
    public record Stage(Double risk, Double minRisk, String band, boolean dryRun, String summary) {
        public boolean applied() {
            return minRisk != null;
        }
    }
}
