package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an inconclusive check means for the verdict. Default: {@code inconclusive}, which a CI step treats as non-zero. */
public enum OnInconclusive {
    @JsonProperty("inconclusive") INCONCLUSIVE,
    @JsonProperty("fail") FAIL,
    @JsonProperty("warn") WARN,
    @JsonProperty("pass") PASS
}
