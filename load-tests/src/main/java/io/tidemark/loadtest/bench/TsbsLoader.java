package io.tidemark.loadtest.bench;

import io.tidemark.engine.Engine;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the TSBS cpu-only data set into an in-process {@link Engine} the way Timestream users
 * shape it: multi-measure records, one series per host (the host's ten tags as dimensions, measure
 * name {@value #MEASURE}), the ten cpu fields as DOUBLE attributes, written as columnar
 * {@link IngestBatch}es through the engine's whole write path. The data set is generated up front
 * ({@link DataSet#generate}) so that loading can be timed without the generator.
 */
public final class TsbsLoader {

    /** The database every benchmark table lives in. */
    public static final String DATABASE = "benchmark";
    /** The measure name of every record (TSBS's measurement). */
    public static final String MEASURE = "cpu";

    private final int batchRows;
    private final int inFlight;

    /**
     * @param batchRows records per write batch (each record holds ten points)
     * @param inFlight batches written concurrently
     */
    public TsbsLoader(int batchRows, int inFlight) {
        if (batchRows <= 0 || inFlight <= 0) {
            throw new IllegalArgumentException("cannot load: batchRows=" + batchRows + ", inFlight=" + inFlight
                    + " (both must be > 0)");
        }
        this.batchRows = batchRows;
        this.inFlight = inFlight;
    }

    /** Writes every row of {@code data} into {@code DATABASE.table}; throws if any record is rejected. */
    public void load(Engine engine, String table, DataSet data) {
        ArrayDeque<CompletableFuture<WriteOutcome>> pending = new ArrayDeque<>();
        int stepsPerBatch = Math.max(1, batchRows / data.hosts());
        for (int step = 0; step < data.steps(); step += stepsPerBatch) {
            int end = Math.min(data.steps(), step + stepsPerBatch);
            IngestBatch batch = engine.newBatch(DATABASE, table, (end - step) * data.hosts());
            int[] columns = new int[TsbsVocabulary.FIELD_COUNT];
            for (int f = 0; f < columns.length; f++) {
                columns[f] = batch.column(TsbsVocabulary.FIELD_NAMES.get(f), MeasureType.DOUBLE);
            }
            int[] series = new int[data.hosts()];
            for (int h = 0; h < series.length; h++) {
                series[h] = batch.series(data.keys[h], MeasureType.MULTI);
            }
            int record = 0;
            for (int s = step; s < end; s++) {
                long time = data.times[s];
                for (int h = 0; h < series.length; h++) {
                    batch.addRow(series[h], time, 1, record++);
                    double[][] host = data.values[h];
                    for (int f = 0; f < columns.length; f++) {
                        batch.setDouble(columns[f], host[f][s]);
                    }
                }
            }
            pending.add(engine.write(batch).toCompletableFuture());
            if (pending.size() >= inFlight) {
                check(pending.poll().join());
            }
        }
        while (!pending.isEmpty()) {
            check(pending.poll().join());
        }
    }

    private static void check(WriteOutcome outcome) {
        if (outcome.hasRejections()) {
            throw new IllegalStateException("benchmark write rejected records: " + outcome.rejected().subList(0,
                    Math.min(3, outcome.rejected().size())));
        }
    }

    /** The data set, generated once: times per step, values per host, field and step. */
    public static final class DataSet {
        private final long[] times;
        private final SeriesKey[] keys;
        private final double[][][] values;

        private DataSet(long[] times, SeriesKey[] keys, double[][][] values) {
            this.times = times;
            this.keys = keys;
            this.values = values;
        }

        /** {@code steps} rows per host of the data set {@code config} describes. */
        public static DataSet generate(CpuOnlyConfig config, int steps) {
            CpuOnlyGenerator generator = new CpuOnlyGenerator(config);
            long[] times = new long[steps];
            generator.fillTimes(0, times, steps);
            SeriesKey[] keys = new SeriesKey[generator.hostCount()];
            double[][][] values = new double[generator.hostCount()][TsbsVocabulary.FIELD_COUNT][steps];
            for (int h = 0; h < keys.length; h++) {
                keys[h] = SeriesKey.of(generator.host(h).dimensions(), MEASURE);
                for (int f = 0; f < TsbsVocabulary.FIELD_COUNT; f++) {
                    generator.nextValues(CpuOnlyGenerator.seriesOf(h, f), values[h][f], 0, steps);
                }
            }
            return new DataSet(times, keys, values);
        }

        public int hosts() {
            return keys.length;
        }

        public int steps() {
            return times.length;
        }

        /** Rows times fields. */
        public long points() {
            return (long) hosts() * steps() * TsbsVocabulary.FIELD_COUNT;
        }

        /** Time of the last row, epoch nanoseconds. */
        public long lastNanos() {
            return times[times.length - 1];
        }

        /** The value of {@code field} (index in {@link TsbsVocabulary#FIELD_NAMES}) of a host at a step. */
        public double value(int host, int field, int step) {
            return values[host][field][step];
        }
    }
}
