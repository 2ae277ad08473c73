package io.tidemark.loadtest.tsbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGenerateCommandTest {

    private static final List<String> USE_CASES = List.of("cpu-only", "devops", "iot");
    private static final List<String> FORMATS = List.of("lp", "writerecords");

    @Test
    void sameSeedSameBytesDifferentSeedDifferentBytes() {
        for (String useCase : USE_CASES) {
            for (String format : FORMATS) {
                String a = GeneratedRows.generate("--use-case", useCase, "--format", format, "--scale", "3", "--hours",
                        "1", "--seed", "11");
                String b = GeneratedRows.generate("--use-case", useCase, "--format", format, "--scale", "3", "--hours",
                        "1", "--seed", "11");
                String c = GeneratedRows.generate("--use-case", useCase, "--format", format, "--scale", "3", "--hours",
                        "1", "--seed", "12");
                assertThat(a).as("%s %s", useCase, format).isNotEmpty().isEqualTo(b).isNotEqualTo(c);
            }
        }
    }

    @Test
    void cpuOnlyLineProtocolIsWhatTheBenchmarkGeneratorWrites() throws Exception {
        String generated = GeneratedRows.generate("--use-case", "cpu-only", "--scale", "4", "--hours", "1",
                "--seed", "9");
        StringWriter old = new StringWriter();
        new LineProtocolWriter(new CpuOnlyGenerator(CpuOnlyConfig.tsbs(4, 9, ValueMode.INT)), 100).writeRows(old, 360);
        assertThat(generated).isEqualTo(old.toString());
    }

    /** Line protocol by the spec: measurement[,tag=value...] field=value[,field=value...] timestamp. */
    private static final Pattern LINE = Pattern.compile(
            "[^,\\s]+(,[^,=\\s]+=[^,=\\s]+)* [^,=\\s]+=(-?\\d+i|-?\\d+(\\.\\d+)?)(,[^,=\\s]+=(-?\\d+i|-?\\d+(\\.\\d+)?))* \\d+");

    @Test
    void lineProtocolLinesFollowTheSpecAndRowCountsAreScaleTimesSteps() {
        String devops = GeneratedRows.generate("--use-case", "devops", "--scale", "2", "--hours", "1",
                "--interval", "1m");
        List<String> lines = devops.lines().toList();
        assertThat(lines).hasSize(2 * 60 * 9).allMatch(l -> LINE.matcher(l).matches());
        assertThat(lines.get(0)).startsWith("cpu,hostname=host_0,region=").contains(" usage_user=")
                .endsWith(" 1451606400000000000");
        assertThat(lines.get(8)).startsWith("redis,hostname=host_0,").contains(",port=", ",server=redis_")
                .contains(" uptime_in_seconds=0i,");
        assertThat(lines.get(4)).startsWith("mem,").matches(".*,used_percent=\\d+\\.\\d+,.*");
        String iot = GeneratedRows.generate("--use-case", "iot", "--scale", "10", "--hours", "2");
        assertThat(iot.lines()).allMatch(l -> LINE.matcher(l).matches())
                .anyMatch(l -> l.startsWith("readings,name=truck_"))
                .anyMatch(l -> l.startsWith("diagnostics,name=truck_") && l.contains(",status="));
    }

    @Test
    void writeRecordsBodiesAreMultiMeasureRecordsOfAtMostNRecords() throws Exception {
        String out = GeneratedRows.generate("--use-case", "iot", "--format", "writerecords", "--scale", "5",
                "--hours", "1", "--records-per-body", "40", "--database", "db", "--table", "trucks");
        ObjectMapper json = new ObjectMapper();
        List<String> bodies = out.lines().toList();
        int records = 0;
        boolean sawMissingField = false;
        for (String line : bodies) {
            JsonNode body = json.readTree(line);
            assertThat(body.get("DatabaseName").asText()).isEqualTo("db");
            assertThat(body.get("TableName").asText()).isEqualTo("trucks");
            assertThat(body.get("Records").size()).isBetween(1, 40);
            for (JsonNode r : body.get("Records")) {
                records++;
                assertThat(r.get("MeasureName").asText()).isIn("readings", "diagnostics");
                assertThat(r.get("MeasureValueType").asText()).isEqualTo("MULTI");
                assertThat(r.get("TimeUnit").asText()).isEqualTo("MILLISECONDS");
                int expected = r.get("MeasureName").asText().equals("readings") ? 7 : 3;
                assertThat(r.get("MeasureValues").size()).isBetween(expected - 1, expected);
                sawMissingField |= r.get("MeasureValues").size() < expected;
                for (JsonNode v : r.get("MeasureValues")) {
                    assertThat(v.get("Type").asText()).isIn("DOUBLE", "BIGINT");
                    Double.parseDouble(v.get("Value").asText());
                }
                for (JsonNode d : r.get("Dimensions")) {
                    assertThat(d.get("Value").asText()).isNotEmpty();
                }
            }
        }
        assertThat(bodies.size()).isEqualTo((records + 39) / 40);
        assertThat(sawMissingField).as("iot zeroes fields").isTrue();
    }

    @Test
    void csvGoesToOneTablePerMeasurementWithAHeader(@TempDir Path dir) throws Exception {
        GeneratedRows.generate("--use-case", "devops", "--format", "csv", "--scale", "2", "--hours", "1",
                "--out", dir + "/");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("cpu.csv",
                    "disk.csv", "diskio.csv", "kernel.csv", "mem.csv", "net.csv", "nginx.csv", "postgresl.csv",
                    "redis.csv");
        }
        List<String> disk = Files.readAllLines(dir.resolve("disk.csv"), StandardCharsets.UTF_8);
        assertThat(disk.get(0)).isEqualTo("time,hostname,region,datacenter,rack,os,arch,team,service,service_version,"
                + "service_environment,path,fstype,total,free,used,used_percent,inodes_total,inodes_free,inodes_used");
        assertThat(disk).hasSize(1 + 2 * 360);
        assertThat(disk.subList(1, disk.size())).allMatch(l -> l.split(",", -1).length == 20);
        assertThat(Files.readString(dir.resolve("cpu.csv"))).contains("\r\n");
    }

    @Test
    void csvQuotesCellsWithCommasQuotesAndLineBreaksAndLeavesNullsEmpty() {
        MeasurementSchema m = new MeasurementSchema("m", List.of("a", "b"), List.of("x", "y"),
                List.of(MeasurementSchema.FieldKind.INTEGER, MeasurementSchema.FieldKind.FLOAT));
        Point p = new Point(2, 2);
        p.reset(m, 5);
        p.setTag(0, "say \"hi\", then\ngo");
        p.setTag(1, null);
        p.setValue(0, 7);
        p.setValue(1, 0.25);
        p.clearValue(1);
        StringBuilder out = new StringBuilder();
        CsvFormat.append(out, p);
        assertThat(out.toString()).isEqualTo("5,\"say \"\"hi\"\", then\ngo\",,7,\r\n");
        assertThat(CsvFormat.header(m)).isEqualTo("time,a,b,x,y\r\n");
    }

    @Test
    void lineProtocolEscapesAndSkipsZeroedTagsAndFields() {
        MeasurementSchema m = new MeasurementSchema("my m", List.of("t k", "u"), List.of("f,1", "g", "h"),
                List.of(MeasurementSchema.FieldKind.INTEGER, MeasurementSchema.FieldKind.FLOAT,
                        MeasurementSchema.FieldKind.FLOAT));
        Point p = new Point(2, 3);
        p.reset(m, 42);
        p.setTag(0, "a=b,c");
        p.setTag(1, null);
        p.setValue(0, -3);
        p.setValue(1, 1e-9);
        p.setValue(2, 2.5);
        p.clearValue(2);
        StringBuilder out = new StringBuilder();
        LineProtocolFormat.append(out, p);
        assertThat(out.toString()).isEqualTo("my\\ m,t\\ k=a\\=b\\,c f\\,1=-3i,g=0.000000001 42\n");
    }

    @Test
    void lineProtocolIntoADirectoryIsCutIntoFiles(@TempDir Path dir) throws Exception {
        GeneratedRows.generate("--use-case", "iot", "--scale", "10", "--hours", "1", "--rows-per-file", "1000",
                "--out", dir + "/");
        List<String> names = new ArrayList<>();
        long lines = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                names.add(f.getFileName().toString());
                lines += Files.readAllLines(f).size();
            }
        }
        assertThat(names).startsWith("iot-00000.lp", "iot-00001.lp");
        assertThat(Files.readAllLines(dir.resolve("iot-00000.lp"))).hasSize(1000);
        assertThat(lines).isBetween(6000L, 6600L); // 10 trucks x 360 steps x 2, less what goes missing
    }

    @Test
    void badOptionsFailWithAClearMessage() {
        assertThatThrownBy(() -> GeneratedRows.generate("--use-case", "weather"))
                .hasMessageContaining("cannot parse use case: value=weather, expected=cpu-only|devops|iot");
        assertThatThrownBy(() -> GeneratedRows.generate("--format", "parquet"))
                .hasMessageContaining("cannot parse format: value=parquet, expected=lp|writerecords|csv");
        assertThatThrownBy(() -> GeneratedRows.generate("--use-case", "devops", "--format", "csv"))
                .hasMessageContaining("cannot write csv: use-case=devops has 9 measurements");
        assertThatThrownBy(() -> GeneratedRows.generate("--interval", "10 parsecs"))
                .hasMessageContaining("cannot parse interval: value=10 parsecs");
        assertThatThrownBy(() -> GeneratedRows.generate("--start", "2016-01-02T00:00:00Z", "--end",
                "2016-01-01T00:00:00Z")).hasMessageContaining("end must be after start");
    }

    @Test
    void startEndAndIntervalPickTheSteps() {
        String lp = GeneratedRows.generate("--use-case", "cpu-only", "--scale", "1", "--start",
                "2024-05-01T00:00:00Z", "--end", "2024-05-01T00:01:00Z", "--interval", "15s");
        assertThat(lp.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList()).containsExactly(
                "1714521600000000000", "1714521615000000000", "1714521630000000000", "1714521645000000000");
    }
}
