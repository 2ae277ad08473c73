package io.tidemark.storage.model;

import java.util.Objects;

/** One dimension of a record: a name and its VARCHAR value. */
public record Dimension(String name, String value) implements Comparable<Dimension> {

    public Dimension {
        Objects.requireNonNull(name, "dimension name");
        Objects.requireNonNull(value, "dimension value");
    }

    /** Dimensions sort by name, which gives a series key its canonical order. */
    @Override
    public int compareTo(Dimension other) {
        int c = name.compareTo(other.name);
        return c != 0 ? c : value.compareTo(other.value);
    }
}
