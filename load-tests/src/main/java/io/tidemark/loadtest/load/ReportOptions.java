package io.tidemark.loadtest.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The output flags every load driver shares (picocli {@code @Mixin}): where the JSON and markdown
 * results go, and how progress is shown.
 */
public final class ReportOptions {

    @Option(names = "--out", description = "Write the results as <out>.json and <out>.md (a .json or .md ending is"
            + " dropped first).")
    Path out;

    @Option(names = "--progress-seconds", defaultValue = "10", description = "Without a terminal: seconds between"
            + " progress lines, 0 for none (on a terminal a bar is redrawn instead) (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    /** A progress display on {@code out}: a bar when standard output is a terminal, else periodic lines. */
    public Progress progress(PrintWriter printer, long expectedPoints) {
        return new Progress(printer, onTerminal(), progressSeconds, expectedPoints);
    }

    /** Prints the markdown table and, with {@code --out}, writes both files. */
    public void emit(DriverReport report, PrintWriter printer) throws IOException {
        printer.println();
        printer.print(report.markdown());
        if (out != null) {
            for (Path written : report.write(out)) {
                printer.println("wrote " + written);
            }
        }
        printer.flush();
    }

    /**
     * Whether standard output is a terminal: {@code System.console()} exists and, on JDK 22 and
     * later (where a console exists even when output is redirected), {@code Console.isTerminal()}.
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
