package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every drill takes to start its node: the server jar, the work directory, the node's JVM options. */
public final class NodeOptions {

    @Option(names = "--server-jar", defaultValue = "${sys:tidemark.server-jar:-http/target/tidemark-server.jar}",
            description = "The node's jar (default: ${DEFAULT-VALUE}; the ./tidemark launcher builds it and"
                    + " passes its path).")
    Path serverJar;

    @Option(names = "--work-dir", description = "Directory for the node's data and log (default: a new temporary"
            + " directory).")
    Path workDir;

    @Option(names = "--node-java-opts", defaultValue = "-Xmx1g",
            description = "JVM options of the node, space-separated (default: ${DEFAULT-VALUE}).")
    String nodeJavaOpts;

    /** True when no work directory was given, so the drill makes a temporary one. */
    boolean temporaryWorkDir() {
        return workDir == null;
    }

    /** The given work directory, else a new temporary one named after {@code prefix}. */
    Path workDirOrTemporary(String prefix) throws IOException {
        return workDir != null ? workDir : Files.createTempDirectory(prefix);
    }

    /** The node's JVM options, one element per space-separated option. */
    List<String> nodeJvmOptions() {
        return Arrays.stream(nodeJavaOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
