package io.tidemark.engine.catalog;

import io.tidemark.storage.serialization.KryoSerializable;

/** A resource tag: key 1 … 128 characters, value 0 … 256 characters. */
public record Tag(String key, String value) implements KryoSerializable {
}
