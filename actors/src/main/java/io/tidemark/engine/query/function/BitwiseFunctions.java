package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.ArgumentTypes.are;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;

import java.util.function.LongBinaryOperator;

/** Bitwise functions on bigint two's complement (TIMESTREAM.md §4.10), as primitive loops. */
public final class BitwiseFunctions implements FunctionGroup {

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("bitwise_not", signature -> are(signature, BIGINT)
                ? (arguments, rowCount, context) -> FunctionSupport.mapLongs(arguments[0], BIGINT, value -> ~value, rowCount) : null);
        registry.add("bitwise_and", binary((left, right) -> left & right));
        registry.add("bitwise_or", binary((left, right) -> left | right));
        registry.add("bitwise_xor", binary((left, right) -> left ^ right));
        registry.add("bit_count", binary(BitwiseFunctions::bitCount));
    }

    /** The number of 1 bits of {@code num} written as a {@code bits}-bit two's complement number. */
    static long bitCount(long num, long bits) {
        if (bits == 64) {
            return Long.bitCount(num);
        }
        if (bits <= 1 || bits > 64) {
            throw new QueryFunctionException("Bits specified in bit_count must be between 2 and 64, got " + bits);
        }
        long lowBitsMask = (1L << (bits - 1)) - 1;
        if (num > lowBitsMask || num < ~lowBitsMask) {
            throw new QueryFunctionException("Number must be representable with the bits specified. " + num + " can not be represented with " + bits + " bits");
        }
        return Long.bitCount(num & ((1L << bits) - 1));
    }

    private static ScalarFunctionRegistry.Binder binary(LongBinaryOperator f) {
        return signature -> are(signature, BIGINT, BIGINT)
                ? (arguments, rowCount, context) -> NumericLoops.longs(arguments[0], arguments[1], BIGINT, f, rowCount) : null;
    }
}
