package dev.vigil.git;

import java.time.Duration;

/**
 * Bounds on one clone or fetch of a remote repository: the connect and read timeout of every HTTP exchange
 * ({@code timeout}), the bytes received in all ({@code maxBytes}) and the time it may take in all ({@code maxTime}).
 * A server that accepts and never answers fails after {@code timeout}; one that trickles fails after {@code maxTime}
 * (plus at most one {@code timeout}); one that sends too much fails at {@code maxBytes}.
 */
public record TransferLimits(Duration timeout, long maxBytes, Duration maxTime) {

    public TransferLimits {
        if (timeout.isNegative() || timeout.isZero() || maxTime.isNegative() || maxTime.isZero() || maxBytes <= 0) {
            throw new IllegalArgumentException("transfer limits must be positive: " + timeout + ", " + maxBytes
                    + " bytes, " + maxTime);
        }
    }

    /** 30 s per exchange, 1 GiB and 10 minutes per clone or fetch. */
    public static TransferLimits defaults() {
        return new TransferLimits(Duration.ofSeconds(30), 1L << 30, Duration.ofMinutes(10));
    }

    /** JGit takes whole seconds; never 0, which would mean "no timeout". */
    int timeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    }
}
