package io.tidemark.loadtest.tsbs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark generate}: writes the TSBS cpu-only data set as Influx line protocol files, one
 * request body per file, for feeding peer databases (e.g. {@code curl --data-binary @cpu-00000.lp}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the TSBS cpu-only data set as Influx line protocol (.lp) files.")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--out", required = true, description = "Directory for the .lp files (created if missing).")
    Path out;

    @Option(names = "--rows-per-file", defaultValue = "50000",
            description = "Lines per file, rounded to whole timestamps (default: ${DEFAULT-VALUE}).")
    int rowsPerFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CpuOnlyGenerator generator = new CpuOnlyGenerator(dataSet.config());
        long totalSteps = generator.config().stepsIn(dataSet.hours());
        long stepsPerFile = Math.max(1, rowsPerFile / generator.config().scale());
        LineProtocolWriter writer = new LineProtocolWriter(generator, (int) Math.min(stepsPerFile, 1000));
        Files.createDirectories(out);
        long lines = 0;
        int files = 0;
        for (long step = 0; step < totalSteps; step += stepsPerFile, files++) {
            Path file = out.resolve(String.format("cpu-%05d.lp", files));
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                lines += writer.writeRows(w, Math.min(stepsPerFile, totalSteps - step));
            }
        }
        spec.commandLine().getOut().printf("files=%d lines=%d points=%d dir=%s%n",
                files, lines, lines * TsbsVocabulary.FIELD_COUNT, out);
        return 0;
    }
}
