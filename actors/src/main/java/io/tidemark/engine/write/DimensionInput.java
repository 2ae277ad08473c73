package io.tidemark.engine.write;

/**
 * One {@code Dimension} as the wire delivers it.
 *
 * @param dimensionValueType only VARCHAR, or absent
 */
public record DimensionInput(String name, String value, String dimensionValueType) {
}
