package io.tidemark.engine.shard;

import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** File operations on a shard's directory, through {@link FileIo}. */
final class ShardFiles {

    private ShardFiles() {
    }

    /** Total size of the files directly in {@code dir}; 0 when it does not exist. */
    static long bytes(FileIo io, Path dir) {
        long total = 0;
        try {
            for (Path file : io.list(dir, "*")) {
                total += io.size(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size shard files: dir=" + dir, e);
        }
        return total;
    }

    /** Deletes {@code path} and, when it is a directory, everything under it. */
    static void deleteTree(FileIo io, Path path) {
        try {
            io.deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete shard files: path=" + path, e);
        }
    }
}
