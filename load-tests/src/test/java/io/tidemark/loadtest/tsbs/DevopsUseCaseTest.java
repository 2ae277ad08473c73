package io.tidemark.loadtest.tsbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevopsUseCaseTest {

    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(10);
    private static final GeneratorConfig CONFIG = new GeneratorConfig(5, 3, CpuOnlyConfig.TSBS_START_NANOS, INTERVAL,
            200, ValueMode.INT);

    @Test
    void measurementsFieldsAndTagsAreTsbsDevops() {
        Map<String, Integer> fieldCounts = new LinkedHashMap<>();
        Map<String, List<String>> ownTags = new HashMap<>();
        for (MeasurementSchema m : DevopsUseCase.generator(CONFIG).measurements()) {
            fieldCounts.put(m.name(), m.fieldCount());
            assertThat(m.tagNames().subList(0, 10)).isEqualTo(TsbsVocabulary.TAG_NAMES);
            ownTags.put(m.name(), m.tagNames().subList(10, m.tagCount()));
        }
        assertThat(fieldCounts).containsExactly(Map.entry("cpu", 10), Map.entry("diskio", 7), Map.entry("disk", 7),
                Map.entry("kernel", 6), Map.entry("mem", 9), Map.entry("net", 8), Map.entry("nginx", 7),
                Map.entry("postgresl", 16), Map.entry("redis", 31));
        assertThat(fieldCounts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(101);
        assertThat(ownTags).containsEntry("cpu", List.of()).containsEntry("diskio", List.of("serial"))
                .containsEntry("disk", List.of("path", "fstype")).containsEntry("net", List.of("interface"))
                .containsEntry("nginx", List.of("port", "server")).containsEntry("redis", List.of("port", "server"))
                .containsEntry("postgresl", List.of()).containsEntry("mem", List.of()).containsEntry("kernel", List.of());
        MeasurementSchema mem = DevopsUseCase.generator(CONFIG).measurements().get(4);
        assertThat(mem.fieldNames()).containsExactly("total", "available", "used", "free", "cached", "buffered",
                "used_percent", "available_percent", "buffered_percent");
        assertThat(mem.isInteger(5)).isTrue();
        assertThat(mem.isInteger(6)).isFalse();
    }

    @Test
    void rowsAreScaleTimesStepsTimesNineInTsbsOrderWithHostTagsOfCpuOnly() {
        UseCaseGenerator devops = DevopsUseCase.generator(CONFIG);
        List<GeneratedRows.Row> rows = GeneratedRows.rows(devops);
        assertThat(rows).hasSize(5 * 200 * 9);
        CpuOnlyGenerator cpuOnly = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(5, 3, ValueMode.INT));
        for (int i = 0; i < rows.size(); i++) {
            GeneratedRows.Row row = rows.get(i);
            int step = i / 45;
            int host = i / 9 % 5;
            assertThat(row.time()).isEqualTo(CpuOnlyConfig.TSBS_START_NANOS + step * INTERVAL);
            assertThat(row.measurement()).isEqualTo(devops.measurements().get(i % 9).name());
            assertThat(row.tags().subList(0, 10)).isEqualTo(cpuOnly.host(host).values());
        }
    }

    @Test
    void valuesStayInTsbsRanges() {
        UseCaseGenerator devops = DevopsUseCase.generator(CONFIG);
        Map<String, MeasurementSchema> schemas = new HashMap<>();
        devops.measurements().forEach(m -> schemas.put(m.name(), m));
        Map<String, double[]> previous = new HashMap<>();
        for (GeneratedRows.Row row : GeneratedRows.rows(devops)) {
            MeasurementSchema m = schemas.get(row.measurement());
            for (int f = 0; f < m.fieldCount(); f++) {
                if (m.isInteger(f)) {
                    assertThat(row.values()[f]).as("%s.%s is an integer", m.name(), m.fieldNames().get(f))
                            .isEqualTo(Math.rint(row.values()[f]));
                }
                if (!m.fieldNames().get(f).startsWith("instantaneous_")) {
                    // the three instantaneous_* rates are free walks in TSBS: they may go below zero
                    assertThat(row.values()[f]).isGreaterThanOrEqualTo(0);
                }
            }
            String key = row.measurement() + "/" + row.tags().get(0);
            double[] before = previous.put(key, row.values());
            switch (row.measurement()) {
                case "cpu":
                    for (double v : row.values()) {
                        assertThat(v).isBetween(0.0, 100.0);
                    }
                    break;
                case "disk":
                    assertThat(row.value("total", m)).isEqualTo(Math.pow(2, 40));
                    assertThat(row.value("free", m) + row.value("used", m)).isEqualTo(row.value("total", m));
                    assertThat(row.value("used_percent", m)).isBetween(0.0, 100.0);
                    assertThat(row.tag("path", m)).matches("/dev/sda[0-9]");
                    assertThat(row.tag("fstype", m)).isIn("ext3", "ext4", "btrfs");
                    break;
                case "mem":
                    assertThat(row.value("total", m)).isIn(8.0 * (1L << 30), 12.0 * (1L << 30), 16.0 * (1L << 30));
                    assertThat(row.value("used", m) + row.value("available", m)).isEqualTo(row.value("total", m));
                    assertThat(row.value("used_percent", m) + row.value("available_percent", m)).isCloseTo(100.0,
                            org.assertj.core.api.Assertions.within(1e-6));
                    break;
                case "diskio":
                case "net":
                    assertThat(row.tag(row.measurement().equals("net") ? "interface" : "serial", m))
                            .matches("eth[0-3]|\\d{3}-\\d{3}-\\d{3}");
                    if (before != null) {
                        for (int f = 0; f < m.fieldCount(); f++) {
                            assertThat(row.values()[f]).as("counter %s", m.fieldNames().get(f))
                                    .isGreaterThanOrEqualTo(before[f]);
                        }
                    }
                    break;
                case "nginx":
                    assertThat(row.value("active", m)).isBetween(0.0, 100.0);
                    assertThat(Integer.parseInt(row.tag("port", m))).isBetween(1024, 21023);
                    assertThat(row.tag("server", m)).startsWith("nginx_");
                    break;
                case "redis":
                    assertThat(row.value("uptime_in_seconds", m))
                            .isEqualTo((row.time() - CpuOnlyConfig.TSBS_START_NANOS) / 1e9);
                    assertThat(row.value("used_memory", m)).isBetween(0.0, 16.0 * (1L << 30));
                    break;
                case "kernel":
                    assertThat(row.value("boot_time", m)).isBetween(0.0, 239.0);
                    if (before != null) {
                        assertThat(row.value("boot_time", m)).isEqualTo(before[0]);
                    }
                    break;
                case "postgresl":
                    assertThat(row.value("numbackends", m)).isBetween(0.0, 1000.0);
                    break;
                default:
                    throw new AssertionError("unexpected measurement " + row.measurement());
            }
        }
    }
}
