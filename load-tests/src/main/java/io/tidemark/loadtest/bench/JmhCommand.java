package io.tidemark.loadtest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tidemark bench jmh [JMH args]}: runs the JMH benchmarks of this jar through
 * {@code org.openjdk.jmh.Main}; every argument is passed to JMH unchanged (try {@code -h}, {@code -l}).
 */
@Command(name = "jmh", description = "Run the JMH benchmarks; arguments go to JMH unchanged (e.g. -l, -h, -f 1 Chunk).")
public final class JmhCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "JMH_ARG", description = "Arguments for org.openjdk.jmh.Main.")
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(jmhArgs.toArray(new String[0]));
        return 0;
    }
}
