package dev.vigil.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets (Bucket4j) per key, for one kind of request: {@code requests} per {@code per}, refilled greedily.
 * Keys are token ids or client addresses; at most {@code maxKeys} buckets are kept, the least recently used dropped
 * first, so a flood of new addresses cannot grow memory without bound (a dropped key starts again with a full
 * bucket: the limit is approximate for keys not seen for a long time, never for the busy ones).
 */
public final class RateLimiter {

    /** {@code requests} per {@code per}. */
    public record Limit(long requests, Duration per) {
        public Limit {
            if (requests <= 0 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate limit needs requests > 0 per a positive duration, got "
                        + requests + " per " + per);
            }
        }
    }

    /** Allowed, or refused with the time until one more request would be allowed. */
    public record Decision(boolean allowed, Duration retryAfter) {
        private static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        public static Decision allowedNow() {
            return ALLOWED;
        }
    }

    private final Limit limit;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets;

    public RateLimiter(Limit limit, int maxKeys, Clock clock) {
        this.limit = limit;
        this.time = meter(clock);
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public Limit limit() {
        return limit;
    }

    /** Takes one request from the key's bucket. */
    public Decision acquire(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Decision.ALLOWED
                : new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(String key) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()))
                    .withCustomTimePrecision(time)
                    .build());
        }
    }

    /** Bucket4j's clock, read from ours: time is an argument, also for the limiter. */
    private static TimeMeter meter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
