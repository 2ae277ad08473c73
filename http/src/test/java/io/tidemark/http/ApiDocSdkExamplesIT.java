package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamquery.model.ConflictException;
import software.amazon.awssdk.services.timestreamquery.model.Datum;
import software.amazon.awssdk.services.timestreamquery.model.PrepareQueryResponse;
import software.amazon.awssdk.services.timestreamquery.model.QueryResponse;
import software.amazon.awssdk.services.timestreamquery.model.Row;
import software.amazon.awssdk.services.timestreamquery.model.ScalarType;
import software.amazon.awssdk.services.timestreamquery.model.SelectColumn;
import software.amazon.awssdk.services.timestreamquery.model.TimeSeriesDataPoint;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValue;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;
import software.amazon.awssdk.services.timestreamwrite.model.RejectedRecordsException;
import software.amazon.awssdk.services.timestreamwrite.model.TimeUnit;
import software.amazon.awssdk.services.timestreamwrite.model.WriteRecordsResponse;

/**
 * The Java SDK examples of {@code docs/api.md} are regions of this source: each {@code ```java}
 * block of the page equals, character for character, the region between a line
 * {@code // docs/api.md: <name>} and the next {@code // end} (less the region's indentation), in
 * page order. {@link #theSdkExamplesRunAgainstANode} runs the regions in that order against a real
 * node and checks what their comments say they give.
 */
class ApiDocSdkExamplesIT {

    static final Path SOURCE = Path.of("src", "test", "java", "io", "tidemark", "http", "ApiDocSdkExamplesIT.java");
    static final String REGION_START = "// docs/api.md: ";
    static final String REGION_END = "// end";

    @TempDir
    Path dataDir;

    /** One marked region of this source: its name and its text without the common indentation. */
    record Snippet(String name, String text) {
    }

    @Test
    void everyJavaBlockOfThePageIsARegionOfThisSourceInOrder() throws IOException {
        List<Snippet> regions = regions(Files.readString(SOURCE, StandardCharsets.UTF_8));
        List<String> blocks = ApiDocExamplesIT.fenced(ApiDocExamplesIT.page(), "java");

        assertThat(regions).extracting(Snippet::name).contains("write client", "single-measure write",
                "multi-measure write", "rejected record", "query client", "paginated query", "cancel and prepare");
        assertThat(blocks).as("the page's java blocks").hasSameSizeAs(regions);
        for (int i = 0; i < regions.size(); i++) {
            assertThat(blocks.get(i)).as("java block %d of docs/api.md is region '%s' of %s", i + 1,
                    regions.get(i).name(), SOURCE).isEqualTo(regions.get(i).text());
        }
    }

    @Test
    void theSdkExamplesRunAgainstANode() {
        try (ServerFixture node = ServerFixture.start(dataDir, Map.of())) {
            URI endpoint = node.uri();

            // docs/api.md: write client
            TimestreamWriteClient client = TimestreamWriteClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDTIDEMARK", "change-me")))
                    .build();
            client.createDatabase(b -> b.databaseName("sensors"));
            client.createTable(b -> b.databaseName("sensors").tableName("cpu")
                    .retentionProperties(r -> r.memoryStoreRetentionPeriodInHours(12L)
                            .magneticStoreRetentionPeriodInDays(7L)));
            // end
            assertThat(client.describeTable(b -> b.databaseName("sensors").tableName("cpu")).table()
                    .retentionProperties().memoryStoreRetentionPeriodInHours()).isEqualTo(12L);

            // docs/api.md: single-measure write
            long now = Instant.now().toEpochMilli();
            WriteRecordsResponse written = client.writeRecords(b -> b.databaseName("sensors").tableName("cpu")
                    .commonAttributes(c -> c.dimensions(Dimension.builder().name("hostname").value("host_0").build())
                            .measureName("load").measureValueType(MeasureValueType.DOUBLE))
                    .records(Record.builder().measureValue("0.75").time(Long.toString(now - 2000)).build(),
                            Record.builder().measureValue("1.25").time(Long.toString(now - 1000)).build()));
            // written.recordsIngested(): total 2, memoryStore 2, magneticStore 0
            // end
            assertThat(written.recordsIngested().total()).isEqualTo(2);
            assertThat(written.recordsIngested().memoryStore()).isEqualTo(2);
            assertThat(written.recordsIngested().magneticStore()).isZero();

            // docs/api.md: multi-measure write
            long seconds = Instant.now().getEpochSecond();
            client.writeRecords(b -> b.databaseName("sensors").tableName("cpu")
                    .commonAttributes(c -> c.measureName("cpu").measureValueType(MeasureValueType.MULTI)
                            .timeUnit(TimeUnit.SECONDS).time(Long.toString(seconds)))
                    .records(Record.builder()
                                    .dimensions(Dimension.builder().name("hostname").value("host_0").build())
                                    .measureValues(
                                            MeasureValue.builder().name("usage_user").value("12.5")
                                                    .type(MeasureValueType.DOUBLE).build(),
                                            MeasureValue.builder().name("usage_system").value("3.5")
                                                    .type(MeasureValueType.DOUBLE).build())
                                    .build(),
                            Record.builder()
                                    .dimensions(Dimension.builder().name("hostname").value("host_1").build())
                                    .measureValues(
                                            MeasureValue.builder().name("usage_user").value("40.0")
                                                    .type(MeasureValueType.DOUBLE).build(),
                                            MeasureValue.builder().name("usage_system").value("9.0")
                                                    .type(MeasureValueType.DOUBLE).build())
                                    .build()));
            // end

            // docs/api.md: rejected record
            List<String> rejections = new ArrayList<>();
            try {
                client.writeRecords(b -> b.databaseName("sensors").tableName("cpu")
                        .commonAttributes(c -> c.dimensions(Dimension.builder().name("hostname").value("host_0").build())
                                .measureName("load").measureValueType(MeasureValueType.DOUBLE))
                        .records(Record.builder().measureValue("0.5").time(Long.toString(now)).build(),
                                Record.builder().measureValue("9.0").time(Long.toString(now - 1000)).build()));
            } catch (RejectedRecordsException e) {
                e.rejectedRecords().forEach(r -> rejections.add(r.recordIndex() + ": " + r.reason()));
            }
            // rejections: ["1: A record already exists …"]: record 1 has the time of a stored point
            // and another value; record 0 was written
            // end
            assertThat(rejections).singleElement().asString().startsWith("1: A record already exists");

            // docs/api.md: query client
            TimestreamQueryClient queryClient = TimestreamQueryClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDTIDEMARK", "change-me")))
                    .build();
            // end

            // docs/api.md: paginated query
            List<String> usage = new ArrayList<>();
            int pages = 0;
            for (QueryResponse page : queryClient.queryPaginator(b -> b.maxRows(1).queryString(
                    "SELECT hostname, usage_user, usage_system FROM sensors.cpu"
                    + " WHERE measure_name = 'cpu' ORDER BY hostname"))) {
                pages++;
                for (Row row : page.rows()) {
                    usage.add(row.data().stream().map(Datum::scalarValue).collect(Collectors.joining(" ")));
                }
            }
            // usage: ["host_0 12.5 3.5", "host_1 40.0 9.0"], one row per page (MaxRows 1)
            Map<String, List<TimeSeriesDataPoint>> load = new TreeMap<>();
            for (QueryResponse page : queryClient.queryPaginator(b -> b.queryString(
                    "SELECT hostname, create_time_series(time, measure_value::double) AS load FROM sensors.cpu"
                    + " WHERE measure_name = 'load' GROUP BY hostname"))) {
                for (Row row : page.rows()) {
                    load.put(row.data().get(0).scalarValue(), row.data().get(1).timeSeriesValue());
                }
            }
            // load: {host_0=[0.75, 1.25, 0.5]} as (Time, Value) points in time order
            // end
            assertThat(usage).containsExactly("host_0 12.5 3.5", "host_1 40.0 9.0");
            assertThat(pages).isGreaterThanOrEqualTo(2);
            assertThat(load).containsOnlyKeys("host_0");
            assertThat(load.get("host_0")).extracting(p -> p.value().scalarValue())
                    .containsExactly("0.75", "1.25", "0.5");

            // docs/api.md: cancel and prepare
            QueryResponse first = queryClient.query(b -> b.queryString("SELECT * FROM sensors.cpu").maxRows(1));
            queryClient.cancelQuery(b -> b.queryId(first.queryId()));
            // asking for first.nextToken() now throws ConflictException
            PrepareQueryResponse prepared = queryClient.prepareQuery(b -> b.validateOnly(true)
                    .queryString("SELECT hostname, measure_value::double AS v FROM sensors.cpu"));
            // prepared.columns(): hostname (VARCHAR, sensors.cpu, aliased false), v (DOUBLE, aliased true)
            // end
            assertThat(first.nextToken()).isNotNull();
            assertThatThrownBy(() -> queryClient.query(b -> b.queryString("SELECT * FROM sensors.cpu").maxRows(1)
                    .nextToken(first.nextToken()))).isInstanceOf(ConflictException.class);
            assertThat(prepared.columns()).extracting(SelectColumn::name).containsExactly("hostname", "v");
            assertThat(prepared.columns()).extracting(c -> c.type().scalarType())
                    .containsExactly(ScalarType.VARCHAR, ScalarType.DOUBLE);
            assertThat(prepared.columns().get(0).databaseName()).isEqualTo("sensors");
            assertThat(prepared.columns().get(0).tableName()).isEqualTo("cpu");
            assertThat(prepared.columns()).extracting(SelectColumn::aliased).containsExactly(false, true);

            queryClient.close();
            client.close();
        }
    }

    /** The marked regions of {@code source}, in order. */
    static List<Snippet> regions(String source) {
        List<Snippet> regions = new ArrayList<>();
        String name = null;
        List<String> lines = new ArrayList<>();
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            if (name == null && trimmed.startsWith(REGION_START)) {
                name = trimmed.substring(REGION_START.length());
                lines.clear();
            } else if (name != null && trimmed.equals(REGION_END)) {
                regions.add(new Snippet(name, withoutIndentation(lines)));
                name = null;
            } else if (name != null) {
                lines.add(line);
            }
        }
        assertThat(name).as("a region without its '" + REGION_END + "'").isNull();
        return regions;
    }

    private static String withoutIndentation(List<String> lines) {
        int indentation = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indentation))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
