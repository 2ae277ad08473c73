package io.tidemark.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** On-disk damage to the Chronicle cycle files of a closed queue, as a damaged disk block would do. */
public final class QueueFiles {

    private QueueFiles() {}

    /**
     * Flips one byte of the only occurrence of {@code marker} in the queue files under {@code dir}.
     * The queue must be closed.
     */
    public static void flipByteOf(Path dir, String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".cq4")).collect(Collectors.toList());
        }
        int flipped = 0;
        for (Path file : files) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
                for (int at = indexOf(map, needle, 0); at >= 0; at = indexOf(map, needle, at + 1)) {
                    map.put(at, (byte) (map.get(at) ^ 0x5A));
                    flipped++;
                }
                map.force();
            }
        }
        assertThat(flipped).as("occurrences of %s in %s", marker, dir).isEqualTo(1);
    }

    private static int indexOf(MappedByteBuffer map, byte[] needle, int from) {
        int limit = map.limit() - needle.length;
        outer:
        for (int i = from; i <= limit; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (map.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
