package io.tidemark.loadtest.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineProtocolToWriteRecordsTest {

    private static final String LINE = "cpu,hostname=host_0,region=eu-central-1 usage_user=58i,usage_system=2.5"
            + " 1451606400000000000";

    @Test
    void eachLineBecomesOneMultiMeasureRecordCutIntoCalls(@TempDir Path dir) throws Exception {
        Path lp = Files.writeString(dir.resolve("a.lp"), LINE + "\n" + LINE.replace("host_0", "host_1") + "\n"
                + LINE.replace("host_0", "host_2") + "\n");
        List<Path> calls = LineProtocolToWriteRecords.convert(List.of(lp), "benchmark", "cpu", 2, dir.resolve("out"));
        assertThat(calls).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(calls.get(0).toFile());
        assertThat(first.get("DatabaseName").asText()).isEqualTo("benchmark");
        assertThat(first.get("TableName").asText()).isEqualTo("cpu");
        assertThat(first.get("Records")).hasSize(2);
        JsonNode record = first.get("Records").get(0);
        assertThat(record.toString()).isEqualTo("{\"Dimensions\":[{\"Name\":\"hostname\",\"Value\":\"host_0\"},"
                + "{\"Name\":\"region\",\"Value\":\"eu-central-1\"}],\"MeasureName\":\"cpu\",\"MeasureValueType\":"
                + "\"MULTI\",\"MeasureValues\":[{\"Name\":\"usage_user\",\"Value\":\"58\",\"Type\":\"DOUBLE\"},"
                + "{\"Name\":\"usage_system\",\"Value\":\"2.5\",\"Type\":\"DOUBLE\"}],\"Time\":\"1451606400000\","
                + "\"TimeUnit\":\"MILLISECONDS\"}");
        JsonNode second = new ObjectMapper().readTree(calls.get(1).toFile());
        assertThat(second.get("Records")).hasSize(1);
        assertThat(second.get("Records").get(0).get("Dimensions").get(0).get("Value").asText()).isEqualTo("host_2");
    }
}
