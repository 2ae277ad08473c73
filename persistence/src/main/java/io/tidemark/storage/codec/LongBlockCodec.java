package io.tidemark.storage.codec;

/**
 * Encodes a block of longs (BIGINT and TIMESTAMP values, times, versions, scaled decimals,
 * dictionary codes) with whichever encoding makes it smallest, and decodes any long block. The
 * block starts with its {@link Encoding} id; the value count is not stored, the caller knows it.
 * Layout: <a href="../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>.
 *
 * <p>Selection: a constant or arithmetic block takes its two-varint form outright. Otherwise every
 * general encoding is written to a scratch buffer and the smallest kept; then the zstd stage is
 * tried on the winner and on the byte-aligned varint forms, whose byte alphabet it codes best, and
 * kept only if smaller still. Scratch buffers are per thread and reused across blocks.
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

    /** Writes {@code values[0..n)} as one block; {@code entropy} allows the zstd stage. */
    static void encode(long[] values, int n, BitWriter out, boolean entropy) {
        checkCount(values.length, n);
        if (RegularLongCodec.isConstant(values, n)) {
            write(Encoding.LONG_CONSTANT, values, n, out);
            return;
        }
        if (RegularLongCodec.isRegular(values, n)) {
            write(Encoding.LONG_REGULAR, values, n, out);
            return;
        }
        BitWriter[] scratch = SCRATCH.get();
        BitWriter best = scratch[0];
        BitWriter candidate = scratch[1];
        best.reset();
        write(Encoding.LONG_DELTA_OF_DELTA, values, n, best);
        Encoding[] general = {Encoding.LONG_DELTA_BITPACK, Encoding.LONG_BITPACK, Encoding.LONG_DELTA_VARINT,
            Encoding.LONG_VARINT};
        for (Encoding e : general) {
            candidate.reset();
            write(e, values, n, candidate);
            if (candidate.sizeInBytes() < best.sizeInBytes()) {
                BitWriter t = best;
                best = candidate;
                candidate = t;
            }
        }
        if (RunLengthLongCodec.countRuns(values, n) * 2 <= n) {
            candidate.reset();
            write(Encoding.LONG_RUN_LENGTH, values, n, candidate);
            if (candidate.sizeInBytes() < best.sizeInBytes()) {
                BitWriter t = best;
                best = candidate;
                candidate = t;
            }
        }
        if (entropy) {
            BitWriter packed = scratch[2];
            for (Encoding e : new Encoding[] {null, Encoding.LONG_DELTA_VARINT, Encoding.LONG_VARINT}) {
                BitWriter source = best;
                if (e != null) {
                    source = candidate;
                    source.reset();
                    write(e, values, n, source);
                }
                packed.reset();
                if (ZstdStage.writeIfSmaller(source.buffer(), source.sizeInBytes(), packed)
                        && packed.sizeInBytes() < best.sizeInBytes()) {
                    BitWriter t = best;
                    best = packed;
                    packed = t;
                }
            }
            scratch[2] = packed;
        }
        scratch[0] = best;
        scratch[1] = candidate;
        out.writeBytes(best.buffer(), 0, best.sizeInBytes());
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
            case ZSTD:
                if (inflated) {
                    throw new CodecException("cannot decode long block: zstd inside zstd");
                }
                decode(ZstdStage.inflate(in), out, n, true);
                break;
            default:
                throw new CodecException("cannot decode long block: encoding=" + e + " does not hold longs");
        }
    }

    /** Writes the id and body of {@code encoding}, which must hold longs (used by golden tests too). */
    static void write(Encoding encoding, long[] values, int n, BitWriter out) {
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
