package io.tidemark.loadtest.tsbs;

import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Drives a generator into a {@link TextOutput} in one format, text gathered into one reused
 * builder and handed over in chunks of about {@value #CHUNK} characters.
 */
final class RowWriter {

    private static final int CHUNK = 1 << 16;

    private final UseCaseGenerator generator;
    private final TextOutput output;
    private final String filePrefix;
    private final StringBuilder text = new StringBuilder(CHUNK + 4096);

    RowWriter(UseCaseGenerator generator, TextOutput output, String filePrefix) {
        this.generator = generator;
        this.output = output;
        this.filePrefix = filePrefix;
    }

    /**
     * Writes every row.
     *
     * @return rows written and fields written (zeroed fields excluded)
     */
    long[] write(LoadGenerateCommand.Format format, int rowsPerFile, WriteRecordsFormat bodies) throws IOException {
        Point p = generator.newPoint();
        long rows = 0;
        long fields = 0;
        int body = 0;
        Set<String> csvTables = new HashSet<>();
        String file = null;
        while (generator.next(p)) {
            switch (format) {
                case LP:
                    if (rows % rowsPerFile == 0 && output.isDirectory()) {
                        flush(file);
                        output.finish(file);
                        file = String.format(Locale.ROOT, "%s-%05d.lp", filePrefix, rows / rowsPerFile);
                    }
                    LineProtocolFormat.append(text, p);
                    if (text.length() >= CHUNK) {
                        flush(file);
                    }
                    break;
                case CSV: {
                    String table = p.measurement().name() + ".csv";
                    if (csvTables.add(table)) {
                        output.write(table, CsvFormat.header(p.measurement()));
                    }
                    CsvFormat.append(text, p);
                    flush(table);
                    break;
                }
                default:
                    bodies.add(p);
                    if (bodies.full()) {
                        writeBody(bodies, body++);
                    }
                    break;
            }
            rows++;
            for (int f = 0; f < p.measurement().fieldCount(); f++) {
                if (p.present(f)) {
                    fields++;
                }
            }
        }
        if (bodies.pending()) {
            writeBody(bodies, body);
        }
        flush(file);
        return new long[] {rows, fields};
    }

    private void writeBody(WriteRecordsFormat bodies, int body) throws IOException {
        CharSequence json = bodies.takeBody();
        if (output.isDirectory()) {
            String name = String.format(Locale.ROOT, "%s-%05d.json", filePrefix, body);
            output.write(name, json);
            output.finish(name);
        } else {
            output.write(null, json);
            output.write(null, "\n");
        }
    }

    private void flush(String file) throws IOException {
        if (text.length() > 0) {
            output.write(file, text);
            text.setLength(0);
        }
    }
}
