package io.tidemark.storage.codec;

/**
 * Encodes a block of longs (BIGINT and TIMESTAMP values, times, versions, scaled decimals,
 * dictionary codes) with whichever encoding makes it smallest, and decodes any long block. The
 * block starts with its {@link Encoding} id; the value count is not stored, the caller knows it.
 * Layout: <a href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>.
 *
 * <p>Selection: a constant or arithmetic block takes its two-varint form outright. Otherwise
 * {@link BlockShape} sizes every other encoding exactly without writing it, and only the smallest
 * is written. Then the entropy stages get the byte-aligned delta-varint form, where a small delta is one byte: {@link RansStage}
 * always, {@link ZstdStage} when a quick probe finds repeated 8-byte sequences for its LZ stage to
 * use; either is kept only if smaller still. Scratch buffers are per thread and reused.
 */
public final class LongBlockCodec {

    private static final ThreadLocal<BitWriter[]> SCRATCH = ThreadLocal.withInitial(() ->
            new BitWriter[] {new BitWriter(1024), new BitWriter(1024), new BitWriter(1024)});

    private LongBlockCodec() {
    }

    /** Writes {@code values[0..n)} as one block, entropy stage included. */
    public static void encode(long[] values, int n, BitWriter out) {
        encode(values, n, out, true);
    }

    /** Writes {@code values[0..n)} as one block; {@code entropy} allows the rANS and zstd stages. */
    static void encode(long[] values, int n, BitWriter out, boolean entropy) {
        checkCount(values.length, n);
        // the trivial forms call their encoder directly rather than through write(): a call of write()
        // brings its whole switch into the compiled code of this method, once per call site
        if (n == 0) {
            // zero varints: the id alone
            out.writeByte(Encoding.LONG_VARINT.id());
            return;
        }
        if (RegularLongCodec.isConstant(values, n)) {
            out.writeByte(Encoding.LONG_CONSTANT.id());
            RegularLongCodec.encodeConstant(values, n, out);
            return;
        }
        if (n >= 3 && RegularLongCodec.isRegular(values, n)) {
            // from three values on no other form is smaller; two values are sized like any block
            out.writeByte(Encoding.LONG_REGULAR.id());
            RegularLongCodec.encodeRegular(values, n, out);
            return;
        }
        BlockShape shape = new BlockShape(values, n);
        Encoding bestEncoding = shape.smallest();
        BitWriter entropyCoded = entropy && n >= RansStage.MIN_INPUT_BYTES
                ? entropyCoded(values, n, shape.bytes(bestEncoding), bestEncoding == Encoding.LONG_DELTA_VARINT)
                : null;
        if (entropyCoded == null) {
            write(bestEncoding, values, n, out, shape);
        } else {
            out.writeBytes(entropyCoded.buffer(), 0, entropyCoded.sizeInBytes());
        }
    }

    /**
     * The block coded by an entropy stage when that is smaller than {@code bestBytes}, or the
     * byte-aligned delta form itself when that is the smallest raw form anyway (it is written for
     * the stages already); null when the smallest raw form, not yet written, is to be written. The
     * entropy coders see bytes: they get the delta-varint form, one byte per small delta.
     */
    private static BitWriter entropyCoded(long[] values, int n, long bestBytes, boolean deltaVarintIsBest) {
        BitWriter[] scratch = SCRATCH.get();
        BitWriter bytes = scratch[0];
        bytes.reset();
        bytes.writeByte(Encoding.LONG_DELTA_VARINT.id());
        VarintLongCodec.encode(values, n, true, bytes);
        BitWriter chosen = null;
        BitWriter rans = scratch[1];
        rans.reset();
        if (RansStage.writeIfSmaller(bytes.buffer(), bytes.sizeInBytes(), (int) bestBytes, rans)) {
            chosen = rans;
            bestBytes = rans.sizeInBytes();
        }
        BitWriter zstd = scratch[2];
        zstd.reset();
        if (ZstdStage.looksRepetitive(bytes.buffer(), bytes.sizeInBytes())
                && ZstdStage.writeIfSmaller(bytes.buffer(), bytes.sizeInBytes(), zstd)
                && zstd.sizeInBytes() < bestBytes) {
            chosen = zstd;
        }
        if (chosen == null && deltaVarintIsBest) {
            chosen = bytes;
        }
        return chosen;
    }

    /**
     * Writes a block of any number (at least one) of values all equal to {@code value}: the bytes
     * {@link #encode} writes for such a block, without an array to hold them.
     */
    public static void encodeConstant(long value, BitWriter out) {
        out.writeByte(Encoding.LONG_CONSTANT.id());
        out.writeVarint(value);
    }

    /** Reads one long block into {@code out[0..n)}. */
    public static void decode(BitReader in, long[] out, int n) {
        checkCount(out.length, n);
        decode(in, out, n, false);
    }

    private static void decode(BitReader in, long[] out, int n, boolean inflated) {
        Encoding e = Encoding.fromId(in.readByte());
        switch (e) {
            case LONG_CONSTANT:
                RegularLongCodec.decodeConstant(in, out, n);
                break;
            case LONG_REGULAR:
                RegularLongCodec.decodeRegular(in, out, n);
                break;
            case LONG_DELTA_OF_DELTA:
                DeltaOfDeltaLongCodec.decode(in, out, n);
                break;
            case LONG_DELTA_VARINT:
                VarintLongCodec.decode(in, out, n, true);
                break;
            case LONG_VARINT:
                VarintLongCodec.decode(in, out, n, false);
                break;
            case LONG_DELTA_BITPACK:
                BitPackLongCodec.decode(in, out, n, true);
                break;
            case LONG_BITPACK:
                BitPackLongCodec.decode(in, out, n, false);
                break;
            case LONG_RUN_LENGTH:
                RunLengthLongCodec.decode(in, out, n);
                break;
            case LONG_RADIX:
                RadixPackLongCodec.decode(in, out, n, false);
                break;
            case LONG_DELTA_RADIX:
                RadixPackLongCodec.decode(in, out, n, true);
                break;
            case ZSTD:
            case RANS:
                if (inflated) {
                    throw new CodecException("cannot decode long block: entropy stage inside entropy stage");
                }
                decode(e == Encoding.ZSTD ? ZstdStage.inflate(in) : RansStage.inflate(in), out, n, true);
                break;
            default:
                throw new CodecException("cannot decode long block: encoding=" + e + " does not hold longs");
        }
    }

    /** Writes the id and body of {@code encoding}, which must hold longs (used by golden tests too). */
    static void write(Encoding encoding, long[] values, int n, BitWriter out) {
        write(encoding, values, n, out, null);
    }

    private static void write(Encoding encoding, long[] values, int n, BitWriter out, BlockShape known) {
        out.writeByte(encoding.id());
        switch (encoding) {
            case LONG_CONSTANT:
                RegularLongCodec.encodeConstant(values, n, out);
                break;
            case LONG_REGULAR:
                RegularLongCodec.encodeRegular(values, n, out);
                break;
            case LONG_DELTA_OF_DELTA:
                DeltaOfDeltaLongCodec.encode(values, n, out);
                break;
            case LONG_DELTA_VARINT:
                VarintLongCodec.encode(values, n, true, out);
                break;
            case LONG_VARINT:
                VarintLongCodec.encode(values, n, false, out);
                break;
            case LONG_DELTA_BITPACK:
                BitPackLongCodec.encode(values, n, true, out);
                break;
            case LONG_BITPACK:
                BitPackLongCodec.encode(values, n, false, out);
                break;
            case LONG_RUN_LENGTH:
                RunLengthLongCodec.encode(values, n, out);
                break;
            case LONG_RADIX:
            case LONG_DELTA_RADIX:
                BlockShape shape = known != null ? known : new BlockShape(values, n);
                boolean delta = encoding == Encoding.LONG_DELTA_RADIX;
                long lo = delta ? shape.minDelta : shape.min;
                long range = (delta ? shape.maxDelta : shape.max) - lo;
                if (range < 1 || range >= RadixPackLongCodec.MAX_RADIX) {
                    throw new IllegalArgumentException("cannot encode longs as " + encoding + ": range="
                            + Long.toUnsignedString(range) + ", allowed=1.." + (RadixPackLongCodec.MAX_RADIX - 1));
                }
                RadixPackLongCodec.encode(values, n, delta, lo, range + 1, out);
                break;
            default:
                throw new IllegalArgumentException("cannot encode longs: encoding=" + encoding + " does not hold longs");
        }
    }

    static void checkCount(int arrayLength, int n) {
        if (n < 0 || n > arrayLength) {
            throw new IllegalArgumentException("cannot code block: count=" + n + ", arrayLength=" + arrayLength);
        }
    }
}
