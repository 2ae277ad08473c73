package io.tidemark.storage.fileio;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file operation the storage engine makes goes through this facade, so tests can make one
 * call fail on a matching path (a full disk, a failed fsync, a failed rename) and exercise each
 * recovery branch. {@link #DEFAULT} is the real file system.
 */
public interface FileIo {

    FileIo DEFAULT = new FileIo() {};

    default FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, options);
    }

    default FileChannel create(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    /** Writes all of {@code buffer} at the channel's position; fails rather than writing part of it. */
    default void writeFully(FileChannel channel, java.nio.ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    default void fsync(FileChannel channel) throws IOException {
        channel.force(true);
    }

    /** Makes a rename or creation inside {@code dir} durable; a no-op where directories cannot be opened. */
    default void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory for reading; the rename is still atomic.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    default void moveAtomically(Path from, Path to) throws IOException {
        CopyOption[] options = {StandardCopyOption.ATOMIC_MOVE};
        Files.move(from, to, options);
    }

    default MappedByteBuffer mapReadOnly(Path file) throws IOException {
        try (FileChannel ch = open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
    }

    default byte[] readAllBytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    default long size(Path file) throws IOException {
        return Files.size(file);
    }

    default boolean exists(Path file) {
        return Files.exists(file);
    }

    default void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    default void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /** The entries of {@code dir} whose names match the glob, sorted by name; empty if dir is missing. */
    default List<Path> list(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** Deletes a file, or a directory and everything under it; nothing when it does not exist. */
    default void deleteTree(Path path) throws IOException {
        for (Path child : list(path, "*")) {
            deleteTree(child);
        }
        delete(path);
    }
}
