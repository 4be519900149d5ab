package dev.vigil.deploy;

import java.time.Instant;
import java.util.List;

/** How a deploy shows an anomaly attributed to it. */
public record AttributedAnomaly(String anomalyId, String metric, Instant openedAt, double confidence,
                                List<String> reasons) {
}
