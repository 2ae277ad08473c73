package io.tidemark.engine.catalog;

import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param nextToken opaque; null on the last page
 */
public record Page<T>(List<T> items, String nextToken) implements KryoSerializable {

    public Page {
        items = List.copyOf(items);
    }
}
