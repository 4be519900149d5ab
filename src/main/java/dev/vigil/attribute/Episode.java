package dev.vigil.attribute;

import java.time.Instant;
import java.util.Objects;

/**
 * An earlier anomaly of the same series: from its first to its last anomalous point (end null while open).
 */
public record Episode(Instant start, Instant end) {

    public Episode {
        Objects.requireNonNull(start, "start");
    }

    /** True when the series was anomalous at some time in {@code [from, to)}. */
    boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && (end == null || !end.isBefore(from));
    }
}
