package dev.vigil.detect.definition;

/** How loud an anomaly is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
