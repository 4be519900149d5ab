package dev.vigil.gate.policy;

/** No policy, or no single policy, applies to a request; the message says which and why. */
public final class PolicySelectionException extends RuntimeException {

    public PolicySelectionException(String message) {
        super(message);
    }
}
