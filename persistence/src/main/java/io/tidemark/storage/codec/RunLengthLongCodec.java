package io.tidemark.storage.codec;

/**
 * {@link Encoding#LONG_RUN_LENGTH}: the number of runs, then (value, length) per run. Wins for
 * step-like data: states, flags, dictionary codes of slowly changing strings. Layout:
 * docs/formats/chunk.md, "LONG_RUN_LENGTH".
 */
final class RunLengthLongCodec {

    private RunLengthLongCodec() {
    }

    static int countRuns(long[] values, int n) {
        int runs = n == 0 ? 0 : 1;
        for (int i = 1; i < n; i++) {
            if (values[i] != values[i - 1]) {
                runs++;
            }
        }
        return runs;
    }

    static void encode(long[] values, int n, BitWriter out) {
        out.writeUvarint(countRuns(values, n));
        if (n == 0) {
            return;
        }
        // the last run is written after the loop, so the loop needs no test for the end of the block
        int start = 0;
        for (int i = 1; i < n; i++) {
            if (values[i] != values[start]) {
                writeRun(values[start], i - start, out);
                start = i;
            }
        }
        writeRun(values[start], n - start, out);
    }

    private static void writeRun(long value, int length, BitWriter out) {
        out.writeVarint(value);
        out.writeUvarint(length);
    }

    static void decode(BitReader in, long[] out, int n) {
        int runs = in.readLength(n, "run count");
        int at = 0;
        for (int r = 0; r < runs; r++) {
            long v = in.readVarint();
            int len = in.readLength(n - at, "run length");
            for (int i = 0; i < len; i++) {
                out[at++] = v;
            }
        }
        if (at != n) {
            throw new CodecException("cannot decode run-length block: runsCover=" + at + ", count=" + n);
        }
    }
}
