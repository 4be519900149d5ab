package dev.vigil.canary;

/**
 * What a missing (NaN) sample means. {@code REMOVE}: missing is unknown, so it is dropped and an empty series is
 * "no data". {@code REPLACE}: missing means zero (e.g. an error counter that is absent when nothing failed), so an
 * empty series is a pass, as in Kayenta.
 */
public enum NanStrategy {
    REMOVE,
    REPLACE
}
