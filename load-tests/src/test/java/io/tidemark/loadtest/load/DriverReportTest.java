package io.tidemark.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverReportTest {

    @TempDir
    Path dir;

    private static DriverReport report() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scale", 100);
        settings.put("target", "lp");
        return new DriverReport("ingest", settings, List.of("system", "points_per_s", "p99_ms", "rows"),
                List.of(List.of("tidemark", 1604798.4, 0.4567, 10L), Arrays.asList("vm", 2.5, null, 3L)),
                List.of("mismatches=0"));
    }

    @Test
    void markdownHasTheSettingsTheTableAndTheNotes() {
        assertThat(report().markdown()).isEqualTo("**load ingest** (scale=100, target=lp)\n\n"
                + "| system | points_per_s | p99_ms | rows |\n"
                + "|---|---:|---:|---:|\n"
                + "| tidemark | 1604798 | 0.457 | 10 |\n"
                + "| vm | 2.50 |  | 3 |\n"
                + "\n- mismatches=0\n");
    }

    @Test
    void writesJsonAndMarkdownBesideEachOtherAndTheJsonReadsBack() throws Exception {
        List<Path> written = report().write(dir.resolve("runs/ingest.json"));

        assertThat(written).containsExactly(dir.resolve("runs/ingest.json"), dir.resolve("runs/ingest.md"));
        DriverReport back = DriverReport.parse(Files.readString(written.get(0), StandardCharsets.UTF_8));
        assertThat(back.driver()).isEqualTo("ingest");
        assertThat(back.settings()).containsExactly(Map.entry("scale", 100), Map.entry("target", "lp"));
        assertThat(back.rows().get(0)).containsExactly("tidemark", 1604798.4, 0.4567, 10);
        assertThat(back.rows().get(1)).containsExactly("vm", 2.5, null, 3);
        assertThat(Files.readString(written.get(1), StandardCharsets.UTF_8)).isEqualTo(report().markdown());
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> new DriverReport("sweep", Map.of(), List.of("a", "b"), List.of(List.of(1)),
                List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot report a row: cells=1, columns=2");
    }
}
