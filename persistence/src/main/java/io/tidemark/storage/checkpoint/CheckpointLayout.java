package io.tidemark.storage.checkpoint;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Names of a shard's checkpoint files, all in one directory ({@code <shard dir>/checkpoint}):
 * {@code chunks-<id>.tmc} chunk files, {@code manifest-<generation>.tmm} manifests, and the same
 * names + {@code .tmp} while being written. Ids and generations are 16 lower-case hex digits, so
 * name order is number order. Format: <a href="../../../../../../../../docs/formats/checkpoint.md">
 * docs/formats/checkpoint.md</a>.
 */
public final class CheckpointLayout {

    public static final String CHUNK_PREFIX = "chunks-";
    public static final String CHUNK_SUFFIX = ".tmc";
    public static final String MANIFEST_PREFIX = "manifest-";
    public static final String MANIFEST_SUFFIX = ".tmm";
    public static final String TEMP_SUFFIX = ".tmp";

    private CheckpointLayout() {
    }

    /** The checkpoint directory of the shard whose directory is {@code shardDir}. */
    public static Path directory(Path shardDir) {
        return shardDir.resolve("checkpoint");
    }

    public static Path chunkFile(Path dir, long fileId) {
        return dir.resolve(CHUNK_PREFIX + hex(fileId) + CHUNK_SUFFIX);
    }

    public static Path manifestFile(Path dir, long generation) {
        return dir.resolve(MANIFEST_PREFIX + hex(generation) + MANIFEST_SUFFIX);
    }

    public static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    }

    /** The id or generation in a file name of the given prefix and suffix, or -1 when the name is another's. */
    public static long number(Path file, String prefix, String suffix) {
        String name = file.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() != prefix.length() + 16 + suffix.length()) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(name.substring(prefix.length(), prefix.length() + 16), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String hex(long number) {
        return String.format(Locale.ROOT, "%016x", number);
    }
}
