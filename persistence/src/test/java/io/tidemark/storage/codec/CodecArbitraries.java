package io.tidemark.storage.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random and adversarial blocks shared by the codec property tests. */
final class CodecArbitraries {

    static final long TSBS_START_NANOS = 1_451_606_400_000_000_000L;

    private CodecArbitraries() {
    }

    /** Any long, biased toward the extremes and small magnitudes. */
    static Arbitrary<Long> adversarialLong() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs()),
                Tuple.of(2, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
                        0L, -1L, 1L)),
                Tuple.of(3, Arbitraries.longs().between(-3, 3)));
    }

    /** Blocks of many shapes: noise, extremes, random walks, timestamps with jitter, runs, regular. */
    static Arbitrary<long[]> longBlocks() {
        return Arbitraries.oneOf(
                adversarialLong().array(long[].class).ofMaxSize(300),
                randomWalks(),
                jitteredTimes(),
                runs(),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers().between(0, 200))
                        .as((start, step, n) -> {
                            long[] v = new long[n];
                            for (int i = 0; i < n; i++) {
                                v[i] = start + step * i;
                            }
                            return v;
                        }));
    }

    static Arbitrary<long[]> randomWalks() {
        return Combinators.combine(adversarialLong(), Arbitraries.longs().between(-150, 150)
                        .array(long[].class).ofMaxSize(2000))
                .as((start, steps) -> {
                    long[] v = new long[steps.length];
                    long x = start;
                    for (int i = 0; i < v.length; i++) {
                        x += steps[i];
                        v[i] = x;
                    }
                    return v;
                });
    }

    /** Nanosecond times at 10 s with occasional jitter, repeats and going back. */
    static Arbitrary<long[]> jitteredTimes() {
        Arbitrary<Long> jitter = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(-1_000_000, 1_000_000)),
                Tuple.of(1, Arbitraries.longs().between(-20_000_000_000L, 20_000_000_000L)),
                Tuple.of(1, Arbitraries.just(-10_000_000_000L)));
        return jitter.array(long[].class).ofMaxSize(1000).map(j -> {
            long[] v = new long[j.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = TSBS_START_NANOS + 10_000_000_000L * i + j[i];
            }
            return v;
        });
    }

    static Arbitrary<long[]> runs() {
        return Combinators.combine(adversarialLong().array(long[].class).ofMaxSize(20),
                        Arbitraries.integers().between(1, 100).array(int[].class).ofSize(20))
                .as((values, lengths) -> {
                    int n = 0;
                    for (int i = 0; i < values.length; i++) {
                        n += lengths[i];
                    }
                    long[] v = new long[n];
                    int at = 0;
                    for (int i = 0; i < values.length; i++) {
                        for (int k = 0; k < lengths[i]; k++) {
                            v[at++] = values[i];
                        }
                    }
                    return v;
                });
    }

    /** Any double, biased toward NaN payloads, signed zeros, infinities and subnormals. */
    static Arbitrary<Double> adversarialDouble() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.doubles()),
                Tuple.of(3, Arbitraries.of(Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
                        Double.longBitsToDouble(0xfff0_0000_0000_0001L), Double.longBitsToDouble(0x7ff0_dead_beef_0000L),
                        0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                        -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e300, 9.223372036854776E18)),
                Tuple.of(2, Arbitraries.longs().between(-1000, 1000).map(l -> l / 100.0)),
                Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)));
    }

    static Arbitrary<double[]> doubleBlocks() {
        return Arbitraries.oneOf(
                adversarialDouble().array(double[].class).ofMaxSize(300),
                randomWalks().map(w -> scaled(w, 1)),
                randomWalks().map(w -> scaled(w, 100)),
                randomWalks().map(w -> scaled(w, 1e9)),
                runs().map(r -> scaled(r, 1e3)),
                adversarialDouble().flatMap(d -> Arbitraries.integers().between(0, 500).map(n -> {
                    double[] v = new double[n];
                    java.util.Arrays.fill(v, d);
                    return v;
                })));
    }

    private static double[] scaled(long[] m, double divisor) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = (m[i] % 10_000_000_000L) / divisor;
        }
        return v;
    }
}
