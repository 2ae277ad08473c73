package io.tidemark.loadtest.tsbs;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Test helpers: run {@code load generate} into memory, and collect a generator's rows. */
final class GeneratedRows {

    private GeneratedRows() {
    }

    /** The command's standard output for {@code args}; fails on a non-zero exit. */
    static String generate(String... args) {
        LoadGenerateCommand command = new LoadGenerateCommand();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        command.stdout = stdout;
        CommandLine cli = new CommandLine(command);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        if (exit != 0) {
            throw new AssertionError("generate " + Arrays.toString(args) + " exited " + exit + ": " + err);
        }
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** One row copied out of a point. */
    record Row(String measurement, long time, List<String> tags, double[] values, boolean[] present) {
        String tag(String name, MeasurementSchema schema) {
            return tags.get(schema.tagNames().indexOf(name));
        }

        double value(String field, MeasurementSchema schema) {
            return values[schema.fieldNames().indexOf(field)];
        }
    }

    static List<Row> rows(UseCaseGenerator generator) {
        List<Row> rows = new ArrayList<>();
        Point p = generator.newPoint();
        while (generator.next(p)) {
            MeasurementSchema m = p.measurement();
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < m.tagCount(); t++) {
                tags.add(p.tag(t));
            }
            double[] values = new double[m.fieldCount()];
            boolean[] present = new boolean[m.fieldCount()];
            for (int f = 0; f < m.fieldCount(); f++) {
                values[f] = p.value(f);
                present[f] = p.present(f);
            }
            rows.add(new Row(m.name(), p.timeNanos(), tags, values, present));
        }
        return rows;
    }
}
