package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The predicted probability (0-1) that the deploy fails, from Vigil's prediction capability. Lower is better.
 * A Vigil without that capability rejects a policy holding this check at evaluation time; it never guesses.
 */
public record FailureProbabilityCheck(String name, double weight, boolean critical, Limits limits,
                                      boolean dryRun) implements GateCheck {

    public FailureProbabilityCheck {
        GateCheck.requireName(name);
        Objects.requireNonNull(limits, "limits");
        if (limits.pass() < 0 || limits.warn() > 1) {
            throw new IllegalArgumentException("check " + name + ": pass and warn are probabilities within 0-1, got "
                    + limits.pass() + " and " + limits.warn());
        }
    }

    @JsonCreator
    static FailureProbabilityCheck fromYaml(@JsonProperty("name") String name, @JsonProperty("weight") Double weight,
                                            @JsonProperty("critical") Boolean critical,
                                            @JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn,
                                            @JsonProperty("dryRun") Boolean dryRun) {
        GateCheck.requireName(name);
        double p = GateCheck.require(name, "pass", pass);
        return new FailureProbabilityCheck(name, GateCheck.weight(name, weight), Boolean.TRUE.equals(critical),
                new Limits(p, warn == null ? p : warn, true), Boolean.TRUE.equals(dryRun));
    }

    @Override
    public FailureProbabilityCheck withLimits(Limits newLimits) {
        return new FailureProbabilityCheck(name, weight, critical, newLimits, dryRun);
    }

    @Override
    public String kind() {
        return "failure-probability";
    }
}
