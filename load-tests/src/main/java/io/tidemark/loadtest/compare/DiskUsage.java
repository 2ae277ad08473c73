package io.tidemark.loadtest.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Bytes files take on disk: allocated blocks as {@code du -s -B1} counts them, so that sparse and
 * preallocated files count what they occupy, not their length.
 */
public final class DiskUsage {

    private DiskUsage() {
    }

    /** Allocated bytes of {@code paths} (files or directories, recursively); missing paths count 0. */
    public static long allocated(List<Path> paths) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("du", "-s", "-c", "-B1"));
        for (Path p : paths) {
            if (Files.exists(p)) {
                command.add(p.toString());
            }
        }
        if (command.size() == 4) {
            return 0;
        }
        Process du = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (du.waitFor() != 0) {
            throw new IOException("cannot measure disk usage: command=" + command + ", output=" + output);
        }
        String[] lines = output.strip().split("\n");
        return Long.parseLong(lines[lines.length - 1].split("\\s+")[0]);
    }

    /** The regular files under {@code root} that {@code filter} accepts. */
    public static List<Path> files(Path root, Predicate<Path> filter) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(filter).toList();
        }
    }
}
