package dev.vigil.deploy;

import java.time.Instant;

/** Filters for listing deploys; null means "any". The time range applies to the deploy's last update. */
public record DeployQuery(String service, String environment, String status, Instant from, Instant to) {
}
