package io.tidemark.loadtest.load;

import io.tidemark.loadtest.tsbs.GeneratorConfig;
import io.tidemark.loadtest.tsbs.UseCaseOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark load ingest}: see {@link IngestDriver}. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stream a TSBS use case (the data-set flags of load generate) to a running server from"
                + " concurrent keep-alive HTTP clients, generating as it sends; report points/s, rows/s and per-call"
                + " latency percentiles.",
                "--target tidemark-writerecords|tidemark-lp: --endpoint is the node's base URL (the database and"
                        + " tables are created); --target lp: --endpoint is any line-protocol server's write URL,"
                        + " e.g. http://127.0.0.1:8428/write.",
                "Without --start the data ends where the current hour began (Tidemark accepts only recent rows)."})
public final class LoadIngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    UseCaseOptions data;

    @Option(names = "--target", required = true, converter = TargetConverter.class,
            description = "tidemark-writerecords, tidemark-lp or lp.")
    IngestTarget target;

    @Option(names = "--endpoint", required = true, description = "The server: base URL for Tidemark, write URL for lp.")
    URI endpoint;

    @Option(names = "--workers", defaultValue = "4", description = "Concurrent clients, one connection each"
            + " (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batch", description = "Rows per call (default: 100 for WriteRecords, Timestream's limit;"
            + " 5000 for line protocol).")
    Integer batch;

    @Option(names = "--database", defaultValue = "tsbs", description = "Tidemark database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--table", description = "WriteRecords table (default: the use case, e.g. cpu_only).")
    String table;

    @Mixin
    ReportOptions report;

    IngestDriver.Options options() {
        GeneratorConfig config;
        try {
            config = data.endingNow(System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int rows = batch != null ? batch : target.lineProtocol() ? 5000 : 100;
        return new IngestDriver.Options(data.useCase(), config, target, endpoint, database,
                table != null ? table : data.useCase().optionName().replace('-', '_'), workers, rows);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        IngestDriver driver = new IngestDriver(options());
        IngestDriver.Result result = driver.run(out, report.progress(out, driver.expectedPoints()));
        report.emit(driver.report(result), out);
        return 0;
    }

    /** {@code --target}. */
    static final class TargetConverter implements CommandLine.ITypeConverter<IngestTarget> {
        @Override
        public IngestTarget convert(String value) {
            return IngestTarget.parse(value);
        }
    }
}
