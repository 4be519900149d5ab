package dev.vigil.detect;

/**
 * A surprise event remembered by the recurrence memory ({@link IncidentFilter}): its time in epoch milliseconds
 * with its side (above or below the expectation) in the lowest bit. A millisecond is far below the rhythm's
 * tolerance (one sampling interval at least), and the mark keeps the state's layout: a state written before events
 * had a side reads back with an arbitrary side for its last three events, which at worst lets one of them alarm.
 */
final class EventMark {

    private static final long SIDE_BIT = 1L;

    private EventMark() {
    }

    /** The mark of an event at {@code epochMillis}, {@code upward} of the expectation or not. */
    static long of(long epochMillis, boolean upward) {
        return (epochMillis & ~SIDE_BIT) | (upward ? SIDE_BIT : 0);
    }

    /** The event's time, to the even millisecond. */
    static long time(long mark) {
        return mark & ~SIDE_BIT;
    }

    /** Whether two events were on the same side of their expectation. */
    static boolean sameSide(long mark, long other) {
        return ((mark ^ other) & SIDE_BIT) == 0;
    }
}
