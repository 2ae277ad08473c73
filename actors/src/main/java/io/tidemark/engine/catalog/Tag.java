package io.tidemark.engine.catalog;

/** A resource tag: key 1 … 128 characters, value 0 … 256 characters. */
public record Tag(String key, String value) {
}
