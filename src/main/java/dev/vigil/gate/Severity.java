package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Anomaly severity, ordered from least to most severe. */
public enum Severity {
    @JsonProperty("info") INFO,
    @JsonProperty("minor") MINOR,
    @JsonProperty("major") MAJOR,
    @JsonProperty("critical") CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
