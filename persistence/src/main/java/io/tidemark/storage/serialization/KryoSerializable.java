package io.tidemark.storage.serialization;

/**
 * Marks a type that Pekko persists or sends through {@link PekkoKryoSerializer}. The binding lives
 * in {@code tidemark/single-node.conf}; the type itself must also be registered under
 * {@code tidemark.serialization.kryo.classes}, or writing it fails.
 */
public interface KryoSerializable {
}
