package io.tidemark.http.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        TextTable table = new TextTable(List.of("name", "n"), new boolean[] {false, true});
        table.add(List.of("a", "1000"));
        table.add(List.of("longer name", "7"));

        assertThat(table.render()).isEqualTo(""
                + "name        | n\n"
                + "------------+-----\n"
                + "a           | 1000\n"
                + "longer name |    7\n"
                + "(2 rows)\n");
    }

    @Test
    void anEmptyResultStillShowsItsColumns() {
        assertThat(new TextTable(List.of("x"), new boolean[1]).render()).isEqualTo("x\n-\n(0 rows)\n");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        TextTable table = new TextTable(List.of("x", "y"), new boolean[2]);
        assertThatThrownBy(() -> table.add(List.of("1"))).hasMessageContaining("cells=1, columns=2");
    }

    @Test
    void datumsPrintAsScalarTextNullAndNestedValues() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(SqlCommand.text(json.readTree("{\"ScalarValue\":\"2.5\"}"))).isEqualTo("2.5");
        assertThat(SqlCommand.text(json.readTree("{\"NullValue\":true}"))).isEqualTo("NULL");
        assertThat(SqlCommand.text(json.readTree("{\"ArrayValue\":[{\"ScalarValue\":\"1\"},{\"NullValue\":true}]}")))
                .isEqualTo("[1, NULL]");
        assertThat(SqlCommand.text(json.readTree("{\"RowValue\":{\"Data\":[{\"ScalarValue\":\"x\"}]}}")))
                .isEqualTo("{x}");
        assertThat(SqlCommand.text(json.readTree("{\"TimeSeriesValue\":[{\"Time\":\"2022-07-07 00:00:00.000000000\","
                + "\"Value\":{\"ScalarValue\":\"35.0\"}}]}")))
                .isEqualTo("[{time=2022-07-07 00:00:00.000000000, value=35.0}]");
    }
}
