package dev.vigil.canary;

/** Which change of a metric may fail it. A change in a direction that is not watched is a pass, not an error. */
public enum Direction {
    /** Higher canary values are worse (latency, errors). */
    INCREASE,
    /** Lower canary values are worse (throughput, success rate). */
    DECREASE,
    /** Any significant change is worse. */
    EITHER;

    boolean watchesIncrease() {
        return this != DECREASE;
    }

    boolean watchesDecrease() {
        return this != INCREASE;
    }
}
