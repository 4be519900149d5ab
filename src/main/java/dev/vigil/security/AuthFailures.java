package dev.vigil.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed authentications per client address: {@code allowed} failures per period are tolerated (a typo, a rotated
 * secret); one more blocks the address for {@code block}, whatever token it then sends. Blocks are kept for at most
 * {@code maxKeys} addresses, the least recently blocked dropped first.
 */
public final class AuthFailures {

    private final RateLimiter failures;
    private final Duration block;
    private final Clock clock;
    private final Map<String, Instant> blockedUntil;
    private final AtomicLong failuresSeen = new AtomicLong();
    private final AtomicLong blocksImposed = new AtomicLong();

    public AuthFailures(RateLimiter.Limit allowed, Duration block, int maxKeys, Clock clock) {
        this.failures = new RateLimiter(allowed, maxKeys, clock);
        this.block = block;
        this.clock = clock;
        this.blockedUntil = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** How long the address stays blocked, if it is. */
    public Optional<Duration> blocked(String address) {
        Instant now = clock.instant();
        synchronized (blockedUntil) {
            Instant until = blockedUntil.get(address);
            if (until == null) {
                return Optional.empty();
            }
            if (!now.isBefore(until)) {
                blockedUntil.remove(address);
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, until));
        }
    }

    /** Counts one failure; true when it blocks the address. */
    public boolean failed(String address) {
        failuresSeen.incrementAndGet();
        if (failures.acquire(address).allowed()) {
            return false;
        }
        synchronized (blockedUntil) {
            blockedUntil.put(address, clock.instant().plus(block));
        }
        blocksImposed.incrementAndGet();
        return true;
    }

    /** Failed authentications counted since start (for metrics). */
    public long failuresSeen() {
        return failuresSeen.get();
    }

    /** Addresses blocked since start (for metrics). */
    public long blocksImposed() {
        return blocksImposed.get();
    }
}
