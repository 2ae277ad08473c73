package io.tidemark.loadtest.tsbs;

import picocli.CommandLine.ITypeConverter;

/** Parses {@code --values int|float2}. */
public final class ValueModeConverter implements ITypeConverter<ValueMode> {
    @Override
    public ValueMode convert(String value) {
        return ValueMode.parse(value);
    }
}
