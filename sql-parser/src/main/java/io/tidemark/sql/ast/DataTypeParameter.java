package io.tidemark.sql.ast;

/** A parameter of a {@link GenericDataType}. */
public sealed interface DataTypeParameter extends Node
        permits NumericParameter, TypeParameter {
}
