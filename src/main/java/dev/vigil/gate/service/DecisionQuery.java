package dev.vigil.gate.service;

import java.time.Instant;

/** Filters for listing decisions; null means "any". The time range [from, to) applies to the creation time. */
public record DecisionQuery(String service, String environment, String verdict, String status, Instant from, Instant to) {
}
