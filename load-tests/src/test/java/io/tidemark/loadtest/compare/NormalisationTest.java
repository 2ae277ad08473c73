package io.tidemark.loadtest.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.loadtest.bench.TsbsQueries.Type;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each system's answer form normalises into the same rows. */
class NormalisationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1451606400000L;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void timestreamRowsAreFoundByColumnName() {
        TabularResult answer = new TabularResult(List.of("hour", "hostname", "mean_usage_user"), List.of(
                List.of("2016-01-01 01:00:00.000000000", "host_1", "42.5"),
                List.of("2016-01-01 00:00:00.000000000", "host_0", "40")));
        assertThat(answer.normalise(QueryShape.of(Type.DOUBLE_GROUPBY_1))).containsExactly(
                new ResultRow(T0 + 3_600_000, "host_1", new double[] {42.5}),
                new ResultRow(T0, "host_0", new double[] {40}));
    }

    @Test
    void timesParseInEverySystemsForm() {
        assertThat(TabularResult.parseTimeMillis("2016-01-01 00:01:00.000000000")).isEqualTo(T0 + 60_000);
        assertThat(TabularResult.parseTimeMillis("2016-01-01T00:01:00.000000Z")).isEqualTo(T0 + 60_000);
        assertThat(TabularResult.parseTimeMillis(Long.toString(T0 + 60_000))).isEqualTo(T0 + 60_000);
    }

    @Test
    void fieldColumnsMatchWholeFieldNamesOnly() {
        // usage_guest must not take usage_guest_nice's column
        TabularResult answer = new TabularResult(List.of("usage_guest_nice", "hostname", "usage_guest"),
                List.of(Arrays.asList("1", "host_0", null)));
        QueryShape shape = new QueryShape(List.of("usage_guest", "usage_guest_nice"), false, true, 0);
        ResultRow row = answer.normalise(shape).get(0);
        assertThat(row.values()[0]).isNaN();
        assertThat(row.values()[1]).isEqualTo(1);
    }

    @Test
    void aMissingColumnIsAClearError() {
        TabularResult answer = new TabularResult(List.of("minute", "max_usage_system"), List.of(List.of("0", "1")));
        assertThatThrownBy(() -> answer.normalise(QueryShape.of(Type.SINGLE_GROUPBY_1_1_1)))
                .hasMessageContaining("cannot normalise an answer: missing=field usage_user");
    }

    @Test
    void influxSeriesTagsBecomeColumns() throws Exception {
        JsonNode answer = json("{'results':[{'statement_id':0,'series':["
                + "{'name':'cpu','tags':{'hostname':'host_0'},'columns':['time','mean_usage_user'],'values':[[" + T0
                + ",40.5]]},"
                + "{'name':'cpu','tags':{'hostname':'host_1'},'columns':['time','mean_usage_user'],'values':[[" + T0
                + ",41]]}]}]}");
        assertThat(InfluxDbPeer.tabular(answer).normalise(QueryShape.of(Type.DOUBLE_GROUPBY_1))).containsExactly(
                new ResultRow(T0, "host_0", new double[] {40.5}), new ResultRow(T0, "host_1", new double[] {41}));
    }

    @Test
    void anInfluxErrorIsReported() throws Exception {
        assertThatThrownBy(() -> InfluxDbPeer.tabular(json("{'results':[{'statement_id':0,'error':'bad query'}]}")))
                .hasMessageContaining("error=bad query");
    }

    @Test
    void questDbDatasetRowsUseColumnNames() throws Exception {
        JsonNode answer = json("{'query':'q','columns':[{'name':'timestamp','type':'TIMESTAMP'},"
                + "{'name':'max_usage_user','type':'LONG'}],'timestamp':0,"
                + "'dataset':[['2016-01-01T00:00:00.000000Z',58]],'count':1}");
        assertThat(QuestDbPeer.tabular(answer).normalise(QueryShape.of(Type.GROUPBY_ORDERBY_LIMIT))).containsExactly(
                new ResultRow(T0, "", new double[] {58}));
    }

    @Test
    void prometheusSeriesMergeIntoRowsShiftedToTheBucketStart() throws Exception {
        long t = (T0 + 50_000) / 1000;
        JsonNode data = json("{'resultType':'matrix','result':["
                + "{'metric':{'__name__':'cpu_usage_system','hostname':'host_0'},'values':[[" + t + ",'2']]},"
                + "{'metric':{'__name__':'cpu_usage_user','hostname':'host_0'},'values':[[" + t + ",'1'],["
                + (t + 60) + ",'3']]}]}");
        QueryShape shape = new QueryShape(List.of("usage_user", "usage_system"), true, true, 60_000);
        List<ResultRow> rows = PrometheusResult.normalise(data, shape, 50_000);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isEqualTo(new ResultRow(T0, "host_0", new double[] {1, 2}));
        assertThat(rows.get(1).timeMillis()).isEqualTo(T0 + 60_000);
        assertThat(rows.get(1).values()[1]).isNaN();
    }

    @Test
    void aPrometheusInstantVectorHasNoTimeWhenTheShapeHasNone() throws Exception {
        JsonNode data = json("{'resultType':'vector','result':["
                + "{'metric':{'__name__':'cpu_usage_user','hostname':'host_3'},'value':[1451692800,'7']}]}");
        QueryShape shape = new QueryShape(List.of("usage_user"), false, true, 0);
        assertThat(PrometheusResult.normalise(data, shape, 0)).containsExactly(
                new ResultRow(0, "host_3", new double[] {7}));
    }
}
