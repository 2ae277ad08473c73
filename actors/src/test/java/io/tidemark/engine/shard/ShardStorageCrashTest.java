package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.ShardJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard stopped at each step of a checkpoint (a file operation fails there, then the files are
 * closed without anything more, as a crash leaves them) recovers every journaled row, from the
 * previous checkpoint and a longer journal or from the new one. Real journal and checkpoint files.
 */
class ShardStorageCrashTest {

    private static final MagneticReader NO_MAGNETIC = (table, key, from, to) -> List.of();

    @TempDir
    Path dataDir;

    /** Fails creating, writing into (after half the bytes) or deleting the paths its predicates match. */
    private static final class FailingIo implements FileIo {
        Predicate<Path> failCreate = path -> false;
        Predicate<Path> failWrite = path -> false;
        Predicate<Path> failDeleteTree = path -> false;
        private Path writing;

        void reset() {
            failCreate = path -> false;
            failWrite = path -> false;
            failDeleteTree = path -> false;
        }

        @Override
        public FileChannel create(Path file) throws IOException {
            if (failCreate.test(file)) {
                throw new IOException("injected: cannot create " + file);
            }
            writing = file;
            return FileIo.super.create(file);
        }

        @Override
        public void writeFully(FileChannel channel, java.nio.ByteBuffer buffer) throws IOException {
            if (writing != null && failWrite.test(writing)) {
                channel.write(buffer.slice(buffer.position(), buffer.remaining() / 2));
                throw new IOException("injected: torn write to " + writing);
            }
            FileIo.super.writeFully(channel, buffer);
        }

        @Override
        public void deleteTree(Path path) throws IOException {
            if (failDeleteTree.test(path)) {
                throw new IOException("injected: cannot delete " + path);
            }
            FileIo.super.deleteTree(path);
        }
    }

    private final FailingIo io = new FailingIo();
    private final CheckpointedShard reference = CheckpointedShard.reference(NO_MAGNETIC);
    @AutoClose
    private CheckpointedShard shard;
    private long second;

    /** Writes {@code rows} points of three series to both the shard and the reference. */
    private void write(int rows) {
        for (int i = 0; i < rows; i++) {
            second++;
            TestRows.Doubles batch = new TestRows.Doubles();
            for (String host : new String[] {"a", "b", "c"}) {
                batch.add(host, second, 1, second * 10 + host.charAt(0));
            }
            shard.write(batch.build());
            reference.write(batch.build());
        }
    }

    private CheckpointedShard reopen() {
        shard.close();
        io.reset();
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        return shard;
    }

    private Path checkpointDir() {
        return CheckpointLayout.directory(CheckpointedShard.journalDir(dataDir).getParent());
    }

    private List<String> checkpointFiles() throws IOException {
        try (Stream<Path> files = Files.list(checkpointDir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean named(Path path, String prefix) {
        return path.getFileName().toString().startsWith(prefix);
    }

    @Test
    void aCheckpointEmptiesTheJournalAndARestartReplaysNothing() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(30);
        long sequence = shard.storage.journal().lastSequence();
        shard.checkpoint();

        assertThat(shard.storage.journal().lastIndex()).isEqualTo(ShardJournal.NO_INDEX);
        assertThat(reopen().replayed).isZero();
        assertThat(shard.answers()).isEqualTo(reference.answers());
        write(1);
        assertThat(shard.storage.journal().lastSequence()).as("sequence numbers continue").isEqualTo(sequence + 1);
    }

    @Test
    void crashWhileWritingTheChunkFileKeepsThePreviousCheckpointAndTheWholeJournal() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(20);
        shard.checkpoint();
        write(20);
        io.failWrite = path -> named(path, CheckpointLayout.CHUNK_PREFIX);

        assertThatThrownBy(shard::checkpoint).isInstanceOf(IOException.class).hasMessageContaining("injected");
        assertThat(checkpointFiles()).as("no temporary file is left").noneMatch(n -> n.endsWith(".tmp"));
        assertThat(reopen().replayed).as("the 20 writes after the first checkpoint").isEqualTo(20);
        assertThat(shard.answers()).isEqualTo(reference.answers());
    }

    @Test
    void crashBetweenChunkFileAndManifestKeepsThePreviousCheckpointAndTheWholeJournal() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(20);
        shard.checkpoint();
        List<String> firstFiles = checkpointFiles();
        write(20);
        io.failCreate = path -> named(path, CheckpointLayout.MANIFEST_PREFIX);

        assertThatThrownBy(shard::checkpoint).isInstanceOf(IOException.class).hasMessageContaining("injected");
        assertThat(checkpointFiles()).as("the first checkpoint's files and new chunk files, which no manifest names")
                .containsAll(firstFiles).filteredOn(n -> !firstFiles.contains(n))
                .isNotEmpty().allMatch(n -> n.startsWith(CheckpointLayout.CHUNK_PREFIX));
        assertThat(reopen().replayed).isEqualTo(20);
        assertThat(shard.answers()).isEqualTo(reference.answers());

        write(1);
        shard.checkpoint();
        assertThat(checkpointFiles()).as("the orphan went with the next checkpoint; two manifests are kept")
                .filteredOn(n -> n.startsWith(CheckpointLayout.MANIFEST_PREFIX)).hasSize(2);
        assertThat(reopen().answers()).isEqualTo(reference.answers());
    }

    @Test
    void tornManifestWriteKeepsThePreviousCheckpoint() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(20);
        shard.checkpoint();
        write(20);
        io.failWrite = path -> named(path, CheckpointLayout.MANIFEST_PREFIX);

        assertThatThrownBy(shard::checkpoint).isInstanceOf(IOException.class).hasMessageContaining("torn write");
        assertThat(checkpointFiles()).as("the torn temporary manifest is deleted").noneMatch(n -> n.endsWith(".tmp"));
        assertThat(reopen().replayed).isEqualTo(20);
        assertThat(shard.answers()).isEqualTo(reference.answers());
    }

    @Test
    void crashBetweenManifestAndJournalRestartSkipsTheCoveredEntries() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(25);
        long sequence = shard.storage.journal().lastSequence();
        io.failDeleteTree = path -> path.equals(CheckpointedShard.journalDir(dataDir));

        assertThatThrownBy(shard::checkpoint).isInstanceOf(UncheckedIOException.class);
        assertThat(reopen().replayed).as("every entry is covered by the checkpoint").isZero();
        assertThat(shard.answers()).isEqualTo(reference.answers());
        assertThat(shard.storage.journal().lastIndex()).as("the journal was started afresh")
                .isEqualTo(ShardJournal.NO_INDEX);
        write(1);
        assertThat(shard.storage.journal().lastSequence()).isEqualTo(sequence + 1);
        assertThat(reopen().answers()).isEqualTo(reference.answers());
    }

    @Test
    void damagedNewestManifestFallsBackToThePreviousCheckpointWhileTheJournalReachesBackToIt() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(20);
        shard.checkpoint();
        write(20);
        io.failDeleteTree = path -> path.equals(CheckpointedShard.journalDir(dataDir));
        assertThatThrownBy(shard::checkpoint).isInstanceOf(UncheckedIOException.class);
        tear(CheckpointLayout.manifestFile(checkpointDir(), 2));

        assertThat(reopen().replayed).as("checkpoint 1 and the 20 entries after it").isEqualTo(20);
        assertThat(shard.answers()).isEqualTo(reference.answers());
    }

    @Test
    void damagedNewestManifestWithoutTheJournalBehindThePreviousOneIsRefused() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(20);
        shard.checkpoint();
        write(20);
        shard.checkpoint();
        write(3);
        tear(CheckpointLayout.manifestFile(checkpointDir(), 2));
        shard.close();

        assertThatThrownBy(() -> CheckpointedShard.open(dataDir, io, NO_MAGNETIC))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("journal does not continue the checkpoint");
        shard = null;
    }

    @Test
    void aDamagedOnlyManifestAfterTheJournalWasStartedAfreshIsRefused() throws IOException {
        shard = CheckpointedShard.open(dataDir, io, NO_MAGNETIC);
        write(20);
        shard.checkpoint();
        tear(CheckpointLayout.manifestFile(checkpointDir(), 1));
        shard.close();

        assertThatThrownBy(() -> CheckpointedShard.open(dataDir, io, NO_MAGNETIC))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("no intact checkpoint");
        shard = null;
    }

    private static void tear(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }
}
