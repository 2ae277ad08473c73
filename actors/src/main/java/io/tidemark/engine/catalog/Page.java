package io.tidemark.engine.catalog;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param nextToken opaque; null on the last page
 */
public record Page<T>(List<T> items, String nextToken) {

    public Page {
        items = List.copyOf(items);
    }
}
