package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What Vigil's own failure to evaluate a check means. {@code fail-closed} (default): the verdict is FAIL, because a
 * gate that cannot look must not let a release through. {@code fail-open}: the check is left out of the score and
 * the decision says so, for teams that prefer availability of their pipeline over the guard.
 */
public enum OnError {
    @JsonProperty("fail-closed") FAIL_CLOSED,
    @JsonProperty("fail-open") FAIL_OPEN
}
