package io.tidemark.storage.magnetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MagneticLayoutTest {

    private final MagneticLayout layout = new MagneticLayout(Path.of("/data"), "db1.cpu");
    private final LocalDate day = LocalDate.of(2026, 11, 24);

    @Test
    void pathsFollowTheDesign() {
        assertThat(layout.partitionDir(day)).isEqualTo(Path.of("/data/magnetic/db1.cpu/20261124"));
        assertThat(layout.segmentFile(day, 255)).isEqualTo(Path.of("/data/magnetic/db1.cpu/20261124/00000000000000ff.tmk"));
        assertThat(layout.tempFile(day, 255)).isEqualTo(Path.of("/data/magnetic/db1.cpu/20261124/00000000000000ff.tmk.tmp"));
        assertThat(layout.quarantineFile(day, layout.segmentFile(day, 255)))
                .isEqualTo(Path.of("/data/magnetic/db1.cpu/quarantine/20261124-00000000000000ff.tmk"));
    }

    @Test
    void namesParseBack() {
        assertThat(MagneticLayout.segmentIdOf(layout.segmentFile(day, 0x1234abcdL))).isEqualTo(0x1234abcdL);
        assertThat(MagneticLayout.segmentIdOf(Path.of("00000000000000ff.tmk.tmp"))).isEqualTo(-1);
        assertThat(MagneticLayout.segmentIdOf(Path.of("ff.tmk"))).isEqualTo(-1);
        assertThat(MagneticLayout.quarantinedSegmentIdOf(layout.quarantineFile(day, layout.segmentFile(day, 9))))
                .isEqualTo(9);
        assertThat(MagneticLayout.quarantinedSegmentIdOf(Path.of("0000000000000009.tmk"))).isEqualTo(-1);
        assertThat(MagneticLayout.partitionOf(layout.partitionDir(day))).isEqualTo(day);
        assertThat(MagneticLayout.partitionOf(layout.quarantineDir())).isNull();
        assertThat(MagneticLayout.partitionOf(Path.of("20261399"))).isNull();
    }

    @Test
    void partitionsAreUtcDays() {
        long start = MagneticLayout.partitionStartNanos(day);
        assertThat(start).isEqualTo(1_795_478_400L * 1_000_000_000L);
        assertThat(MagneticLayout.partitionOf(start)).isEqualTo(day);
        assertThat(MagneticLayout.partitionOf(start - 1)).isEqualTo(day.minusDays(1));
        assertThat(MagneticLayout.partitionOf(MagneticLayout.partitionEndNanos(day))).isEqualTo(day.plusDays(1));
        assertThat(MagneticLayout.partitionOf(-1L)).isEqualTo(LocalDate.of(1969, 12, 31));
    }

    @Test
    void tableIdsMustBePortableDirectoryNames() {
        for (String bad : new String[] {"", "..", "a/b", "a b", "x".repeat(129)}) {
            assertThatThrownBy(() -> new MagneticLayout(Path.of("/data"), bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot use table id");
        }
    }
}
