package io.tidemark.storage.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freezes checkpoint format v1: the fixtures in {@code fixtures/checkpoint-v1/} (see its README)
 * are read back field by field, and writing the same content produces the same bytes.
 */
class CheckpointFixtureTest {

    static final long T0 = 1_795_564_800_000_000_000L; // 2026-11-25T00:00:00Z
    static final SeriesKey CPU = SeriesKey.of(List.of(new Dimension("hostname", "host_a")), "cpu_usage");
    static final SeriesKey METRICS = SeriesKey.of(List.of(new Dimension("hostname", "host_b"),
            new Dimension("region", "eu-west-1")), "metrics");
    static final List<ColumnSpec> CPU_COLUMNS = List.of(new ColumnSpec("measure_value::double", MeasureType.DOUBLE));
    static final List<ColumnSpec> METRICS_COLUMNS = List.of(new ColumnSpec("cpu", MeasureType.DOUBLE),
            new ColumnSpec("requests", MeasureType.BIGINT));

    @TempDir
    Path dir;

    /** cpu_usage: 1.5, 2.5 at T0, T0 + 10 s, version 1. */
    static SealedChunk cpuChunk() {
        OpenChunk open = new OpenChunk(CPU_COLUMNS);
        open.setDouble(0, open.append(T0, 1), 1.5);
        open.setDouble(0, open.append(T0 + 10_000_000_000L, 1), 2.5);
        return open.seal();
    }

    /** metrics: cpu 0.25 and requests 1000 at T0 + 1 h, version 2; cpu only at T0 + 2 h. */
    static SealedChunk metricsChunk() {
        OpenChunk open = new OpenChunk(METRICS_COLUMNS);
        int row = open.append(T0 + 3_600_000_000_000L, 2);
        open.setDouble(0, row, 0.25);
        open.setLong(1, row, 1000);
        open.setDouble(0, open.append(T0 + 7_200_000_000_000L, 2), 0.75);
        return open.seal();
    }

    static CheckpointManifest manifest(long chunkFileSize) {
        int cpuLength = cpuChunk().bytes().length;
        int metricsLength = metricsChunk().bytes().length;
        long first = CheckpointChunkFile.HEADER_BYTES;
        return new CheckpointManifest(7, 42, 1_795_600_000_000L, 1_795_600_000_000L, T0 + 1_800_000_000_000L,
                Long.MIN_VALUE, List.of(new CheckpointManifest.FileEntry(1, chunkFileSize)), List.of(
                new CheckpointManifest.SeriesEntry(CPU, CPU_COLUMNS, 720, List.of(
                        new CheckpointManifest.ChunkRef(ChunkKind.FROZEN, 0, first, cpuLength))),
                new CheckpointManifest.SeriesEntry(METRICS, METRICS_COLUMNS, 0, List.of(
                        new CheckpointManifest.ChunkRef(ChunkKind.SEALED, 0, first + cpuLength, metricsLength),
                        new CheckpointManifest.ChunkRef(ChunkKind.OPEN, 0, first + cpuLength, metricsLength)))));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = CheckpointFixtureTest.class.getResourceAsStream("/fixtures/checkpoint-v1/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void writersReproduceTheFixtureBytes() throws IOException {
        long size = CheckpointChunkFile.write(FileIo.DEFAULT, dir, 1, List.of(cpuChunk(), metricsChunk()));
        byte[] chunkFile = Files.readAllBytes(CheckpointLayout.chunkFile(dir, 1));

        assertThat(chunkFile).isEqualTo(fixture("chunks-0000000000000001.tmc"));
        assertThat(size).isEqualTo(chunkFile.length);
        manifest(size).write(FileIo.DEFAULT, dir);
        assertThat(Files.readAllBytes(CheckpointLayout.manifestFile(dir, 7)))
                .isEqualTo(fixture("manifest-0000000000000007.tmm"));
    }

    @Test
    void readersReadTheFixturesFieldByField() throws IOException {
        byte[] chunkBytes = fixture("chunks-0000000000000001.tmc");
        Files.write(CheckpointLayout.chunkFile(dir, 1), chunkBytes);
        Path manifestFile = CheckpointLayout.manifestFile(dir, 7);
        Files.write(manifestFile, fixture("manifest-0000000000000007.tmm"));

        CheckpointManifest manifest = CheckpointManifest.read(FileIo.DEFAULT, manifestFile);
        assertThat(manifest).isEqualTo(manifest(chunkBytes.length));
        CheckpointChunkFile file = CheckpointChunkFile.open(FileIo.DEFAULT, dir, 1, chunkBytes.length);
        CheckpointManifest.ChunkRef cpu = manifest.series().get(0).chunks().get(0);
        SealedChunk chunk = file.read(cpu.offset(), cpu.length());
        double[] values = new double[2];
        chunk.decodeDoubles(0, values);
        assertThat(values).containsExactly(1.5, 2.5);
        CheckpointManifest.ChunkRef metrics = manifest.series().get(1).chunks().get(1);
        long[] requests = new long[2];
        boolean[] present = new boolean[2];
        SealedChunk multi = file.read(metrics.offset(), metrics.length());
        multi.decodeLongs(1, requests);
        multi.decodePresence(1, present);
        assertThat(multi.minTime()).isEqualTo(T0 + 3_600_000_000_000L);
        assertThat(requests[0]).isEqualTo(1000);
        assertThat(present).containsExactly(true, false);
    }

    @Test
    void chunkKindIdsAreFrozen() {
        assertThat(ChunkKind.SEALED.id()).isZero();
        assertThat(ChunkKind.FROZEN.id()).isEqualTo(1);
        assertThat(ChunkKind.OPEN.id()).isEqualTo(2);
        for (ChunkKind kind : ChunkKind.values()) {
            assertThat(ChunkKind.fromId(kind.id())).isSameAs(kind);
        }
        assertThat(ChunkKind.fromId(3)).isNull();
    }
}
