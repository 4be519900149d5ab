package dev.vigil.store;

/** Which slice of a result to return; validated by the API before it gets here. */
public record PageRequest(int limit, int offset) {

    public PageRequest {
        if (limit < 1 || limit > Page.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + Page.MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }
}
