package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./tidemark} script builds the server jar on first use and again whenever a source
 * file or pom is newer than the jar, as its header and docs/api.md ("Starting a node") say.
 *
 * <p>It runs in a copy of the repository without {@code http/target/tidemark-server.jar}, so the
 * other ITs of this JVM keep their jar. The copy keeps the modules' compiled classes and Maven's
 * record of them ({@code target/maven-status}, whose absolute paths are moved to the copy): the
 * state of a checkout whose modules the reactor has built, where the script's build only has to
 * package and shade. The build runs offline ({@code MAVEN_ARGS=-o}): CI has every plugin and
 * dependency in the local repository by then, and the script must not need the network.
 */
class ServeBuildsOnFirstUseIT {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final List<String> MODULES = List.of("sql-parser", "persistence", "cluster-config", "actors", "http");
    static final String BUILDING = "tidemark: building the server jar";
    static final String EDITED_SOURCE = "http/src/main/java/io/tidemark/http/launcher/ServeCommand.java";

    @TempDir
    Path temp;

    @Test
    void serveBuildsTheJarWhenMissingThenOnlyWhenASourceIsNewer() throws Exception {
        Path copy = copyWithoutServerJar(temp.resolve("repository"));
        Path jar = copy.resolve("http/target/tidemark-server.jar");
        assertThat(jar).doesNotExist();

        Path log = temp.resolve("serve.log");
        Process serve = tidemark(copy, log, "serve", "--port", "0", "--data-dir", temp.resolve("data").toString());
        try {
            URI address = awaitServing(serve, log);
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains(BUILDING);
            assertThat(jar).isRegularFile();
            assertThat(new RawHttp(address).get("/health").statusCode()).isEqualTo(200);
            assertServerJvmOptions(new RawHttp(address).get("/metrics").body());
        } finally {
            stop(serve);
        }

        FileTime built = Files.getLastModifiedTime(jar);
        String current = run(copy, temp.resolve("current.log"));
        assertThat(current).as("a current jar is not rebuilt").doesNotContain(BUILDING).contains("--data-dir");
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(built);

        Files.setLastModifiedTime(copy.resolve(EDITED_SOURCE), FileTime.fromMillis(built.toMillis() + 2_000));
        String stale = run(copy, temp.resolve("stale.log"));
        assertThat(stale).as("a source newer than the jar rebuilds it").contains(BUILDING).contains("--data-dir");
        assertThat(Files.getLastModifiedTime(jar)).isGreaterThan(built);
    }

    /**
     * The script's JVM options for the server, as its /metrics shows them: the parallel collector, and an
     * initial heap of an eighth of the memory (asserted at a sixteenth, the JVM's default start being a
     * sixty-fourth, so a heap the collector has already resized cannot fail it).
     */
    private static void assertServerJvmOptions(String metrics) {
        assertThat(metrics).as("the parallel collector's young collector").contains("gc=\"PS Scavenge\"");
        Matcher heap = Pattern.compile("(?m)^jvm_memory_committed_bytes\\{area=\"heap\"} (\\S+)$")
                .matcher(metrics);
        assertThat(heap.find()).as("committed heap in /metrics").isTrue();
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        assertThat(Double.parseDouble(heap.group(1))).as("committed heap at start").isGreaterThan(memory / 16.0);
    }

    /** {@code ./tidemark serve --help} in the copy: the launcher's build check, then the command's usage. */
    private static String run(Path copy, Path log) throws Exception {
        Process help = tidemark(copy, log, "serve", "--help");
        boolean finished = help.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            stop(help);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("./tidemark serve --help finished: " + output).isTrue();
        assertThat(help.exitValue()).as(output).isZero();
        return output;
    }

    private static Process tidemark(Path copy, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("./tidemark"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "MAVEN_ARGS", "-o"));
        return builder.start();
    }

    private static URI awaitServing(Process serve, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline && serve.isAlive()) {
            Matcher serving = ServeCommandIT.SERVING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (serving.find()) {
                return URI.create(serving.group(1));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("./tidemark serve did not build and serve: "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** SIGTERM to the process and whatever it started (Maven while it builds), then a kill if it lingers. */
    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The launcher, the build files and the modules the server jar is made of (sources and build
     * output), without the server jar and the test reports; load-tests only by its pom, which the
     * reactor reads.
     */
    private static Path copyWithoutServerJar(Path copy) throws IOException {
        for (String file : List.of("pom.xml", "mvnw", ".mvn", "tidemark", "load-tests/pom.xml")) {
            copyTree(REPOSITORY.resolve(file), copy.resolve(file));
        }
        for (String module : MODULES) {
            for (String part : List.of("pom.xml", "src", "target")) {
                copyTree(REPOSITORY.resolve(module).resolve(part), copy.resolve(module).resolve(part));
            }
        }
        String from = REPOSITORY + "/";
        String to = copy + "/";
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path status : files.filter(p -> p.toString().contains("/target/maven-status/")
                    && p.toString().endsWith(".lst")).toList()) {
                FileTime modified = Files.getLastModifiedTime(status);
                Files.writeString(status, Files.readString(status).replace(from, to));
                Files.setLastModifiedTime(status, modified);
            }
        }
        return copy;
    }

    /**
     * Copies files and directories with their times: the jar plugin rebuilds a jar when an entry,
     * a directory included, is newer than it, and a rebuilt jar makes every module after it compile
     * again.
     */
    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.filter(p -> !p.toString().contains("-reports")
                    && !p.equals(REPOSITORY.resolve("http/target/tidemark-server.jar"))).toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                    directories.add(path);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        for (Path directory : directories) {
            Files.setLastModifiedTime(target.resolve(source.relativize(directory).toString()),
                    Files.getLastModifiedTime(directory));
        }
    }
}
