package io.tidemark.loadtest.tsbs;

import java.util.List;

/**
 * The TSBS cpu-only use case as a row stream: the {@link CpuOnlyGenerator}'s walks (the same values
 * the benchmarks load), one {@code cpu} row per host and step, hosts in order within a step.
 * Values are generated {@value #BLOCK_STEPS} steps at a time into one reused block.
 */
public final class CpuOnlyUseCase implements UseCaseGenerator {

    private static final int BLOCK_STEPS = 64;

    private final CpuOnlyGenerator generator;
    private final long steps;
    private final MeasurementSchema schema;
    private final double[][] block;
    private long blockFirstStep;
    private int blockLength;
    private int row;
    private int host;

    public CpuOnlyUseCase(GeneratorConfig config) {
        this.generator = new CpuOnlyGenerator(new CpuOnlyConfig(config.scale(), config.seed(), config.values(),
                config.startNanos(), config.intervalNanos()));
        this.steps = config.steps();
        this.schema = MeasurementSchema.of(TsbsVocabulary.MEASUREMENT, TsbsVocabulary.TAG_NAMES,
                TsbsVocabulary.FIELD_NAMES, config.values() == ValueMode.INT ? MeasurementSchema.FieldKind.INTEGER
                        : MeasurementSchema.FieldKind.FLOAT);
        this.block = new double[generator.seriesCount()][BLOCK_STEPS];
    }

    @Override
    public List<MeasurementSchema> measurements() {
        return List.of(schema);
    }

    @Override
    public boolean next(Point point) {
        if (row == blockLength) {
            blockFirstStep += blockLength;
            if (blockFirstStep >= steps) {
                return false;
            }
            blockLength = (int) Math.min(BLOCK_STEPS, steps - blockFirstStep);
            for (int s = 0; s < block.length; s++) {
                generator.nextValues(s, block[s], 0, blockLength);
            }
            row = 0;
        }
        point.reset(schema, generator.timeNanos(blockFirstStep + row));
        List<String> tags = generator.host(host).values();
        for (int t = 0; t < tags.size(); t++) {
            point.setTag(t, tags.get(t));
        }
        for (int f = 0; f < TsbsVocabulary.FIELD_COUNT; f++) {
            point.setValue(f, block[CpuOnlyGenerator.seriesOf(host, f)][row]);
        }
        if (++host == generator.hostCount()) {
            host = 0;
            row++;
        }
        return true;
    }
}
