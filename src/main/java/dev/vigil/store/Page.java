package dev.vigil.store;

import java.util.List;

/**
 * One page of a query's results.
 *
 * @param total all rows matching the filters, not only this page's
 */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public Page {
        items = List.copyOf(items);
    }
}
