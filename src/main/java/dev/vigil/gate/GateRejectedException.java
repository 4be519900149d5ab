package dev.vigil.gate;

/**
 * The gate refuses to evaluate: the policy needs a capability this Vigil lacks (failure-probability before the
 * prediction exists), or the request contradicts the policy (a canary metric the policy does not define). No
 * decision is made and none is faked; the REST layer answers 422 with the message.
 */
public final class GateRejectedException extends RuntimeException {

    public GateRejectedException(String message) {
        super(message);
    }
}
