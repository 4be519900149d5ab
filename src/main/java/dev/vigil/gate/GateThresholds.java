package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Gate score limits: at least {@code pass} passes, at least {@code warn} warns, below fails. */
public record GateThresholds(double pass, double warn) {

    /** Any check short of a pass (a WARN or FAIL) lowers the verdict; a quarter of the weight failing fails it. */
    public static final GateThresholds DEFAULT = new GateThresholds(100, 75);

    public GateThresholds {
        if (!(warn >= 0 && warn <= pass && pass <= 100)) {
            throw new IllegalArgumentException("thresholds need 0 <= warn <= pass <= 100, got pass " + pass + " and warn " + warn);
        }
    }

    @JsonCreator
    static GateThresholds fromYaml(@JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn) {
        if (pass == null || warn == null) {
            throw new IllegalArgumentException("thresholds need both 'pass' and 'warn'");
        }
        return new GateThresholds(pass, warn);
    }

    Verdict grade(double score) {
        return score >= pass ? Verdict.PASS : score >= warn ? Verdict.WARN : Verdict.FAIL;
    }
}
