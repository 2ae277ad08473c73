package io.tidemark.loadtest.tsbs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark load generate}: streams a TSBS use case (cpu-only, devops, iot) as line protocol,
 * WriteRecords bodies or CSV, to standard output, a file or a directory, in constant memory.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stream a TSBS data set (cpu-only, devops or iot) as Influx line protocol, Timestream"
                + " WriteRecords JSON bodies or CSV, seedable and reproducible.",
                "--out names a directory when it exists as one or ends with '/': lp is cut into <use-case>-NNNNN.lp"
                        + " files of --rows-per-file lines, writerecords into one <use-case>-NNNNN.json file per"
                        + " body, csv into one <measurement>.csv per measurement. Otherwise --out is one file"
                        + " (standard output without --out): writerecords then holds one body per line, and csv"
                        + " needs a use case with a single measurement (cpu-only).",
                "A summary line goes to standard error."})
public final class LoadGenerateCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { LP, WRITERECORDS, CSV }

    @Option(names = "--use-case", defaultValue = "cpu-only", converter = UseCaseConverter.class,
            description = "cpu-only, devops or iot (default: ${DEFAULT-VALUE}).")
    UseCase useCase;

    @Option(names = "--format", defaultValue = "lp", converter = FormatConverter.class,
            description = "lp, writerecords or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--scale", defaultValue = "100", description = "Hosts (cpu-only, devops) or trucks (iot) (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval", defaultValue = "10s", converter = IntervalConverter.class,
            description = "Time between two rows of an entity: 10s, 500ms, 1m, 1h or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--start", defaultValue = "2016-01-01T00:00:00Z",
            description = "Time of the first rows, ISO-8601 (default: ${DEFAULT-VALUE}, TSBS's).")
    Instant start;

    @Option(names = "--end", description = "End of the data, exclusive, ISO-8601 (instead of --hours).")
    Instant end;

    @Option(names = "--hours", description = "Hours of data when --end is not given (default: 24).")
    Integer hours;

    @Option(names = "--values", defaultValue = "int", converter = ValueModeConverter.class,
            description = "cpu-only values: int (TSBS) or float2 (two decimals) (default: ${DEFAULT-VALUE}).")
    ValueMode values;

    @Option(names = "--out", description = "Output file or directory (default: standard output).")
    Path out;

    @Option(names = "--rows-per-file", defaultValue = "50000",
            description = "lp into a directory: lines per file (default: ${DEFAULT-VALUE}).")
    int rowsPerFile;

    @Option(names = "--records-per-body", defaultValue = "100",
            description = "writerecords: records per body (default: ${DEFAULT-VALUE}, Timestream's limit).")
    int recordsPerBody;

    @Option(names = "--database", defaultValue = "tsbs", description = "writerecords: DatabaseName (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--table", description = "writerecords: TableName (default: the use case, e.g. devops, cpu_only).")
    String table;

    @Spec
    CommandSpec spec;

    /** Where standard output goes; tests replace it. */
    OutputStream stdout = System.out;

    @Override
    public Integer call() throws IOException {
        GeneratorConfig config = config();
        UseCaseGenerator generator = useCase.generator(config);
        boolean directory = out != null && (Files.isDirectory(out) || out.toString().endsWith("/"));
        if (format == Format.CSV && !directory && generator.measurements().size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot write csv: use-case="
                    + useCase.optionName() + " has " + generator.measurements().size()
                    + " measurements, each its own table; --out must name a directory");
        }
        if (rowsPerFile < 1 || recordsPerBody < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot generate: rowsPerFile=" + rowsPerFile
                    + ", recordsPerBody=" + recordsPerBody + " (both must be at least 1)");
        }
        long t0 = System.nanoTime();
        long rows;
        long fields;
        try (OutputStream file = out != null && !directory ? Files.newOutputStream(out) : null;
                TextOutput output = directory ? TextOutput.directory(out) : TextOutput.stream(file != null ? file : stdout)) {
            long[] counts = new RowWriter(generator, output, useCase.optionName()).write(format, rowsPerFile,
                    new WriteRecordsFormat(database, table != null ? table : useCase.optionName().replace('-', '_'),
                            recordsPerBody, generator.measurements()));
            rows = counts[0];
            fields = counts[1];
            double seconds = (System.nanoTime() - t0) / 1e9;
            spec.commandLine().getErr().printf(Locale.ROOT, "use_case=%s format=%s scale=%d steps=%d rows=%d fields=%d"
                            + " bytes=%d files=%d seconds=%.2f rows_per_s=%.0f%n", useCase.optionName(),
                    format.name().toLowerCase(Locale.ROOT), scale, config.steps(), rows, fields, output.bytes(),
                    output.files(), seconds, rows / Math.max(seconds, 1e-9));
        }
        spec.commandLine().getErr().flush();
        return 0;
    }

    GeneratorConfig config() {
        long startNanos = TimeUnit.SECONDS.toNanos(start.getEpochSecond()) + start.getNano();
        long intervalNanos = interval.toNanos();
        if (intervalNanos <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot generate: interval=" + interval
                    + " (must be > 0)");
        }
        long spanNanos;
        if (end != null) {
            if (hours != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "cannot generate: both --end and --hours given (pick one)");
            }
            spanNanos = TimeUnit.SECONDS.toNanos(end.getEpochSecond()) + end.getNano() - startNanos;
            if (spanNanos <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot generate: start=" + start
                        + ", end=" + end + " (end must be after start)");
            }
        } else {
            spanNanos = TimeUnit.HOURS.toNanos(hours != null ? hours : 24);
        }
        if (scale <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot generate: scale=" + scale
                    + " (must be > 0)");
        }
        return new GeneratorConfig(scale, seed, startNanos, intervalNanos, spanNanos / intervalNanos, values);
    }

    /** {@code --use-case}. */
    static final class UseCaseConverter implements CommandLine.ITypeConverter<UseCase> {
        @Override
        public UseCase convert(String value) {
            return UseCase.parse(value);
        }
    }

    /** {@code --format}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("cannot parse format: value=" + value + ", expected=lp|writerecords|csv");
        }
    }

    /** {@code --interval}: {@code 10s}, {@code 500ms}, {@code 1m}, {@code 1h}, or ISO-8601 ({@code PT10S}). */
    static final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt") || v.startsWith("p")) {
                    return Duration.parse(value.trim());
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (v.charAt(v.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(n);
                    case 'm':
                        return Duration.ofMinutes(n);
                    case 'h':
                        return Duration.ofHours(n);
                    default:
                        break;
                }
            } catch (RuntimeException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("cannot parse interval: value=" + value
                    + ", expected=<n>ms|<n>s|<n>m|<n>h or ISO-8601 such as PT10S");
        }
    }
}
