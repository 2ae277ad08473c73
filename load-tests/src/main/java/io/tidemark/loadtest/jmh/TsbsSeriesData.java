package io.tidemark.loadtest.jmh;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.loadtest.tsbs.ValueMode;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.MeasureType;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One day of one TSBS cpu series (8,640 points at 10 s), cut into chunks of {@code chunkPoints}:
 * the input of the chunk benchmarks. Every invocation handles all {@link #POINTS} points, so
 * {@code @OperationsPerInvocation(POINTS)} turns the score into points per second.
 */
@State(Scope.Thread)
public class TsbsSeriesData {

    /** Points handled per benchmark invocation: one day of one series. */
    public static final int POINTS = 8_640;

    /** {@code int}: TSBS's integer-valued walk; {@code float2}: two-decimal walk. */
    @Param({"int", "float2"})
    public String values;

    /** 720 = a 2-hour memory-store chunk; 8640 = a day-sized magnetic block. */
    @Param({"720", "8640"})
    public int chunkPoints;

    public final long[] times = new long[POINTS];
    public final double[] doubles = new double[POINTS];
    public final List<ColumnSpec> columns = List.of(new ColumnSpec("usage_user", MeasureType.DOUBLE));
    /** The data sealed into chunks of {@code chunkPoints}, for the decode benchmarks. */
    public SealedChunk[] sealed;

    @Setup(Level.Trial)
    public void generate() {
        CpuOnlyGenerator generator = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(1, 42, ValueMode.parse(values)));
        generator.fillTimes(0, times, POINTS);
        generator.nextValues(0, doubles, 0, POINTS);
        if (POINTS % chunkPoints != 0) {
            throw new IllegalArgumentException("cannot set up benchmark: chunkPoints=" + chunkPoints
                    + " must divide points=" + POINTS);
        }
        sealed = new SealedChunk[POINTS / chunkPoints];
        for (int c = 0; c < sealed.length; c++) {
            sealed[c] = sealChunk(c * chunkPoints);
        }
    }

    /** Appends points {@code from .. from+chunkPoints} to a new chunk and seals it. */
    public SealedChunk sealChunk(int from) {
        OpenChunk chunk = new OpenChunk(columns);
        for (int i = from, end = from + chunkPoints; i < end; i++) {
            int row = chunk.append(times[i], 1);
            chunk.setDouble(0, row, doubles[i]);
        }
        return chunk.seal();
    }
}
