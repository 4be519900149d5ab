package dev.vigil.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The times an input may carry: at most {@code maxFutureSkew} ahead of the server's clock and at most
 * {@code maxAge} behind it. One sample far in the future would make every later sample of its series look older and
 * be ignored (a series silenced by one write); one from long ago is of no use to detection and only costs storage.
 */
public record TimeWindow(Duration maxFutureSkew, Duration maxAge, Clock clock) {

    public TimeWindow {
        if (maxFutureSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the time window needs a future skew >= 0 and a positive age, got "
                    + maxFutureSkew + " and " + maxAge);
        }
    }

    /** Why {@code time} is not accepted in {@code field}, if it is not. */
    public Optional<Rejection> check(String field, Instant time) {
        if (time == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (time.isAfter(now.plus(maxFutureSkew))) {
            return Optional.of(new Rejection(Rejection.OUT_OF_RANGE, field, "field '" + field + "' is " + time
                    + ", more than " + maxFutureSkew + " ahead of the server's clock (vigil.ingest.max-future-skew)"));
        }
        if (time.isBefore(now.minus(maxAge))) {
            return Optional.of(new Rejection(Rejection.OUT_OF_RANGE, field, "field '" + field + "' is " + time
                    + ", more than " + maxAge + " before the server's clock (vigil.ingest.max-age)"));
        }
        return Optional.empty();
    }
}
