package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries;
import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import io.tidemark.loadtest.bench.TsbsQueries.Type;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The query rounds the comparison and {@code load queries} both run: seeded draws of hosts and
 * windows per type (the same for every system), each system's untimed warm-ups then timed draws,
 * and the first difference per type between a system's answers and the reference's.
 */
public final class QueryRounds {

    private QueryRounds() {
    }

    /**
     * One type's timed draws on one system, in draw order.
     *
     * @param millis each draw's round trip
     * @param answers each draw's normalised answer
     */
    public record Timed(Type type, List<Double> millis, List<List<ResultRow>> answers) {
        public Timed {
            millis = List.copyOf(millis);
            answers = List.copyOf(answers);
        }

        public double medianMillis() {
            List<Double> sorted = new ArrayList<>(millis);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }
    }

    /** {@code runs} draws per type from one source seeded with {@code seed}, over {@code hosts} hosts and {@code range}. */
    public static Map<Type, List<Draw>> draws(int hosts, DataRange range, List<Type> types, int runs, long seed) {
        TsbsQueries queries = new TsbsQueries("db", "cpu", hosts, range.firstMillis(), range.endMillis());
        SplittableRandom random = new SplittableRandom(seed);
        Map<Type, List<Draw>> draws = new EnumMap<>(Type.class);
        for (Type type : types) {
            List<Draw> list = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                list.add(queries.draw(type, random));
            }
            draws.put(type, list);
        }
        return draws;
    }

    /** {@code warmups} untimed draws (the timed ones, cycled), then every draw timed. */
    public static Timed run(Peer system, List<Draw> draws, int warmups) throws IOException, InterruptedException {
        for (int w = 0; w < warmups; w++) {
            Draw draw = draws.get(w % draws.size());
            system.query(system.render(draw), draw);
        }
        List<Double> times = new ArrayList<>();
        List<List<ResultRow>> results = new ArrayList<>();
        for (Draw draw : draws) {
            PeerQuery query = system.render(draw);
            long t0 = System.nanoTime();
            results.add(system.query(query, draw));
            times.add((System.nanoTime() - t0) / 1e6);
        }
        return new Timed(draws.get(0).type(), times, results);
    }

    /** Per type, the first difference between the reference's answers and {@code other}'s; a type either lacks is skipped. */
    public static Map<Type, String> mismatches(Map<Type, List<List<ResultRow>>> reference,
            Map<Type, List<List<ResultRow>>> other, List<Type> types, double tolerance) {
        Map<Type, String> found = new EnumMap<>(Type.class);
        for (Type type : types) {
            List<List<ResultRow>> expected = reference.get(type);
            List<List<ResultRow>> actual = other.get(type);
            if (expected == null || actual == null) {
                continue; // a failed query has no figure; there is nothing to compare
            }
            for (int r = 0; r < expected.size(); r++) {
                Optional<String> difference = ResultComparison.difference(expected.get(r), actual.get(r), tolerance);
                if (difference.isPresent()) {
                    found.put(type, "draw " + r + ": " + difference.get());
                    break;
                }
            }
        }
        return found;
    }
}
