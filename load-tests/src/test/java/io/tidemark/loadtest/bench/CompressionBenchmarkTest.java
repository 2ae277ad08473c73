package io.tidemark.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.ValueMode;
import io.tidemark.storage.fileio.FileIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CompressionBenchmarkTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ValueMode.class)
    void storesVerifiesAndReportsBytesPerPointLast(ValueMode mode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompressionBenchmark.Options options =
                new CompressionBenchmark.Options(CpuOnlyConfig.tsbs(5, 3, mode), 2, dir, 3);

        CompressionBenchmark.Result result = new CompressionBenchmark(options, FileIo.DEFAULT)
                .run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(result.points()).isEqualTo(5 * 10 * 720);
        assertThat(result.series()).isEqualTo(50);
        assertThat(result.segments()).hasSize(1).allSatisfy(p -> assertThat(p).exists());
        assertThat(result.segmentBytes()).isEqualTo(Files.size(result.segments().get(0)));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).anyMatch(l -> l.startsWith("verify: ok, 36000 points"));
        assertThat(lines[lines.length - 1]).matches("bytes_per_point=\\d+\\.\\d{3}");
        double reported = Double.parseDouble(lines[lines.length - 1].substring("bytes_per_point=".length()));
        assertThat(reported).isCloseTo(result.bytesPerPoint(), org.assertj.core.data.Offset.offset(0.0005));
    }

    @Test
    void writesOneSegmentPerUtcDay() throws IOException {
        // 26 hours from midnight: day one full, day two holds the last 2 hours
        CompressionBenchmark.Options options =
                new CompressionBenchmark.Options(CpuOnlyConfig.tsbs(1, 1, ValueMode.INT), 26, dir, 1);

        CompressionBenchmark.Result result = new CompressionBenchmark(options, FileIo.DEFAULT)
                .run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(result.points()).isEqualTo(10 * 26 * 360);
        assertThat(result.segments()).hasSize(2);
        assertThat(result.segments().get(0).toString()).contains("20160101");
        assertThat(result.segments().get(1).toString()).contains("20160102");
    }

    @Test
    void refusesADirectoryThatAlreadyHoldsSegments() throws IOException {
        CompressionBenchmark.Options options =
                new CompressionBenchmark.Options(CpuOnlyConfig.tsbs(1, 1, ValueMode.INT), 2, dir, 1);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new CompressionBenchmark(options, FileIo.DEFAULT).run(quiet);

        assertThatThrownBy(() -> new CompressionBenchmark(options, FileIo.DEFAULT).run(quiet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot run benchmark: dir=")
                .hasMessageEndingWith("is not empty (give an empty or new --dir)");
    }
}
