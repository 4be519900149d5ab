package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.core.Severity;
import java.time.Duration;
import java.util.Objects;

/**
 * Counts anomalies on the service (and environment) of at least {@code minSeverity} that were open within
 * [deploy - before, deploy + after]. Lower is better: at most {@code pass} passes, at most {@code warn} warns.
 */
public record AnomaliesCheck(String name, double weight, boolean critical, Severity minSeverity, Duration before,
                             Duration after, Limits limits, boolean dryRun) implements GateCheck {

    public AnomaliesCheck {
        GateCheck.requireName(name);
        Objects.requireNonNull(minSeverity, "check " + name + ": field 'minSeverity' is required");
        requireNotNegative(name, "before", before);
        requireNotNegative(name, "after", after);
        Objects.requireNonNull(limits, "limits");
    }

    @JsonCreator
    static AnomaliesCheck fromYaml(@JsonProperty("name") String name, @JsonProperty("weight") Double weight,
                                   @JsonProperty("critical") Boolean critical,
                                   @JsonProperty("minSeverity") Severity minSeverity,
                                   @JsonProperty("before") Duration before, @JsonProperty("after") Duration after,
                                   @JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn,
                                   @JsonProperty("dryRun") Boolean dryRun) {
        GateCheck.requireName(name);
        double p = pass == null ? 0 : pass;
        return new AnomaliesCheck(name, GateCheck.weight(name, weight), Boolean.TRUE.equals(critical),
                minSeverity == null ? Severity.WARNING : minSeverity, before == null ? Duration.ofMinutes(30) : before,
                after == null ? Duration.ZERO : after, new Limits(p, warn == null ? p : warn, true),
                Boolean.TRUE.equals(dryRun));
    }

    @Override
    public AnomaliesCheck withLimits(Limits newLimits) {
        return new AnomaliesCheck(name, weight, critical, minSeverity, before, after, newLimits, dryRun);
    }

    @Override
    public String kind() {
        return "anomalies";
    }

    private static void requireNotNegative(String check, String field, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("check " + check + ": field '" + field + "' must be a duration >= 0, got " + d);
        }
    }
}
