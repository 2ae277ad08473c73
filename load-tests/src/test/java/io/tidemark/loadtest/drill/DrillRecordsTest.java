package io.tidemark.loadtest.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillRecordsTest {

    private final DrillRecords records = new DrillRecords("drill", "records", 1_700_000_000_000L);

    @Test
    void bodyCarriesOneWholeMultiMeasureRecordPerSequenceNumber() throws Exception {
        JsonNode body = new ObjectMapper().readTree(records.body(2, 5, 40, 3));
        assertThat(body.get("DatabaseName").asText()).isEqualTo("drill");
        assertThat(body.get("TableName").asText()).isEqualTo("records");
        JsonNode all = body.get("Records");
        assertThat(all).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode r = all.get(i);
            long seq = 40 + i;
            assertThat(r.get("Dimensions").toString())
                    .isEqualTo("[{\"Name\":\"writer\",\"Value\":\"w2\"},{\"Name\":\"cycle\",\"Value\":\"5\"}]");
            assertThat(r.get("MeasureName").asText()).isEqualTo("drill");
            assertThat(r.get("MeasureValueType").asText()).isEqualTo("MULTI");
            assertThat(r.get("Time").asText()).isEqualTo(Long.toString(1_700_000_000_000L + seq));
            assertThat(r.get("TimeUnit").asText()).isEqualTo("MILLISECONDS");
            List<String> row = new ArrayList<>(List.of("w2"));
            List<String> names = new ArrayList<>();
            r.get("MeasureValues").forEach(m -> {
                names.add(m.get("Name").asText());
                row.add(m.get("Value").asText());
            });
            assertThat(names).isEqualTo(DrillRecords.MEASURES);
            assertThat(DrillRecords.isWhole(row)).as("record read back as it was sent: %s", row).isTrue();
        }
    }

    @Test
    void isWholeRejectsNullsWrongValuesAndAnotherWritersLabel() {
        List<String> whole = Arrays.asList("w1", "7", "3.5", "w1-7", "false");
        assertThat(DrillRecords.isWhole(whole)).isTrue();
        assertThat(DrillRecords.isWhole(Arrays.asList("w1", "7", null, "w1-7", "false"))).isFalse();
        assertThat(DrillRecords.isWhole(Arrays.asList("w1", "7", "3.0", "w1-7", "false"))).isFalse();
        assertThat(DrillRecords.isWhole(Arrays.asList("w1", "7", "3.5", "w2-7", "false"))).isFalse();
        assertThat(DrillRecords.isWhole(Arrays.asList("w1", "7", "3.5", "w1-7", "true"))).isFalse();
        assertThat(DrillRecords.isWhole(Arrays.asList("w1", "x", "3.5", "w1-x", "false"))).isFalse();
        assertThat(DrillRecords.isWhole(Arrays.asList("w1", "7", "3.5", "w1-7"))).isFalse();
    }

    @Test
    void queriesNameTheTableAndEveryMeasure() {
        assertThat(records.cycleQuery(4)).isEqualTo(
                "SELECT writer, seq, half, label, even FROM \"drill\".\"records\" WHERE \"cycle\" = '4'");
        assertThat(records.countsQuery()).isEqualTo("SELECT \"cycle\", writer, count(*), count(seq), count(half),"
                + " count(label), count(even) FROM \"drill\".\"records\" GROUP BY \"cycle\", writer");
    }
}
