package io.tidemark.loadtest.tsbs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                "--start defaults to 2016-01-01T00:00:00Z, TSBS's first time.",
                "A summary line goes to standard error."})
public final class LoadGenerateCommand implements Callable<Integer> {

    /** TSBS's first time, the default {@code --start}. */
    private static final Instant TSBS_START = Instant.parse("2016-01-01T00:00:00Z");

    /** Output formats. */
    enum Format { LP, WRITERECORDS, CSV }

    @Mixin
    UseCaseOptions data;

    @Option(names = "--format", defaultValue = "lp", converter = FormatConverter.class,
            description = "lp, writerecords or csv (default: ${DEFAULT-VALUE}).")
    Format format;

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
        UseCaseGenerator generator = data.useCase().generator(config);
        boolean directory = out != null && (Files.isDirectory(out) || out.toString().endsWith("/"));
        if (format == Format.CSV && !directory && generator.measurements().size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot write csv: use-case="
                    + data.useCase().optionName() + " has " + generator.measurements().size()
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
            long[] counts = new RowWriter(generator, output, data.useCase().optionName()).write(format, rowsPerFile,
                    new WriteRecordsFormat(database, table != null ? table : data.useCase().optionName().replace('-', '_'),
                            recordsPerBody, generator.measurements()));
            rows = counts[0];
            fields = counts[1];
            double seconds = (System.nanoTime() - t0) / 1e9;
            spec.commandLine().getErr().printf(Locale.ROOT, "use_case=%s format=%s scale=%d steps=%d rows=%d fields=%d"
                            + " bytes=%d files=%d seconds=%.2f rows_per_s=%.0f%n", data.useCase().optionName(),
                    format.name().toLowerCase(Locale.ROOT), data.scale(), config.steps(), rows, fields, output.bytes(),
                    output.files(), seconds, rows / Math.max(seconds, 1e-9));
        }
        spec.commandLine().getErr().flush();
        return 0;
    }

    GeneratorConfig config() {
        try {
            return data.config(TSBS_START);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
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

}
