package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.AccessDeniedException;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;

/**
 * Per-key permissions on a real node under {@code auth = sigv4}, through the AWS SDK for Java v2,
 * {@code /sql}, line protocol and the AWS CLI: a key allowed to read database {@code metrics}
 * queries and describes it, but its WriteRecords and CreateTable are AccessDeniedException (403,
 * Timestream's message) and change nothing, and it cannot list, describe or query database
 * {@code other}; a key allowed to write {@code metrics} writes line protocol there.
 */
class AccessDeniedIT {

    static final String READER = "AKIDREADER";
    static final String READER_SECRET = "reader-secret";
    static final String WRITER = "AKIDWRITER";
    static final String WRITER_SECRET = "writer-secret";
    static final String ARN = "arn:aws:timestream:us-east-1:000000000000:database/";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of(
                "tidemark.http.auth", "sigv4",
                "tidemark.http.access-keys", List.of(
                        Map.of("id", ServerFixture.ACCESS_KEY, "secret", ServerFixture.SECRET_KEY),
                        Map.of("id", READER, "secret", READER_SECRET, "allow", List.of(
                                Map.of("actions", List.of("read"), "databases", List.of("metrics")))),
                        Map.of("id", WRITER, "secret", WRITER_SECRET, "allow", List.of(
                                Map.of("actions", List.of("write"), "databases", List.of("metrics")))))));
        try (TimestreamWriteClient admin = node.writeClient()) {
            for (String database : List.of("metrics", "other")) {
                admin.createDatabase(b -> b.databaseName(database));
                admin.createTable(b -> b.databaseName(database).tableName("cpu"));
                admin.writeRecords(b -> b.databaseName(database).tableName("cpu").records(record("host_0")));
            }
        }
    }

    @Test
    void aReadOnlyKeyQueriesAndDescribesButItsWriteAndCreateAreDeniedAndChangeNothing() {
        try (TimestreamWriteClient reader = writeClient(READER, READER_SECRET);
                TimestreamQueryClient readerQueries = queryClient(READER, READER_SECRET)) {
            assertThat(count(readerQueries, "metrics.cpu")).isEqualTo("1");
            assertThat(reader.describeTable(b -> b.databaseName("metrics").tableName("cpu")).table().tableName())
                    .isEqualTo("cpu");
            assertThat(reader.listTables(b -> b.databaseName("metrics")).tables())
                    .extracting(t -> t.tableName()).contains("cpu");
            assertThat(reader.describeEndpoints(b -> { }).endpoints()).hasSize(1);

            assertThatThrownBy(() -> reader.writeRecords(b -> b.databaseName("metrics").tableName("cpu")
                    .records(record("host_1")))).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: AKIDREADER is not authorized to"
                                + " perform: timestream:WriteRecords on resource: " + ARN + "metrics/table/cpu because"
                                + " no grant of the key in tidemark.http.access-keys allows timestream:WriteRecords");
                    });
            assertThatThrownBy(() -> reader.createTable(b -> b.databaseName("metrics").tableName("created")))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("timestream:CreateTable on resource: " + ARN
                                + "metrics/table/created");
                    });
        }
        try (TimestreamWriteClient admin = node.writeClient(); TimestreamQueryClient adminQueries = node.queryClient()) {
            assertThat(count(adminQueries, "metrics.cpu")).isEqualTo("1");
            assertThatThrownBy(() -> admin.describeTable(b -> b.databaseName("metrics").tableName("created")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void aKeyLimitedToOneDatabaseCannotListDescribeOrQueryAnother() {
        try (TimestreamWriteClient reader = writeClient(READER, READER_SECRET);
                TimestreamQueryClient readerQueries = queryClient(READER, READER_SECRET)) {
            assertThatThrownBy(() -> reader.listTables(b -> b.databaseName("other")))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.getMessage()).contains("timestream:ListTables on resource: " + ARN + "other"));
            assertThatThrownBy(() -> reader.listDatabases(b -> { }))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.getMessage()).contains("timestream:ListDatabases on resource: *"));
            assertThatThrownBy(() -> reader.describeTable(b -> b.databaseName("other").tableName("cpu")))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> readerQueries.query(b -> b.queryString(
                    "SELECT m.time FROM metrics.cpu m JOIN other.cpu o ON m.host = o.host")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.timestreamquery.model.AccessDeniedException.class,
                            e -> {
                                assertThat(e.statusCode()).isEqualTo(403);
                                assertThat(e.getMessage()).contains("User: AKIDREADER is not authorized to perform:"
                                        + " timestream:Query on resource: " + ARN + "other/table/cpu");
                            });
        }
    }

    @Test
    void sqlAndLineProtocolRefuseInTheirOwnErrorShapes() throws Exception {
        HttpResponse<String> allowed = sql("SELECT count(*) AS n FROM metrics.cpu", READER, READER_SECRET);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        HttpResponse<String> denied = sql("SELECT * FROM other.cpu", READER, READER_SECRET);
        assertThat(denied.statusCode()).isEqualTo(403);
        JsonNode error = RawHttp.json(denied).get("error");
        assertThat(error.get("type").asText()).isEqualTo("AccessDeniedException");
        assertThat(error.get("message").asText()).startsWith("User: AKIDREADER is not authorized to perform:"
                + " timestream:Query on resource: " + ARN + "other/table/cpu");

        HttpResponse<String> readerWrite = lineProtocol(READER, READER_SECRET, "lpw,host=h0 usage=1.5");
        assertThat(readerWrite.statusCode()).isEqualTo(403);
        assertThat(RawHttp.json(readerWrite).get("error").asText()).startsWith("User: AKIDREADER is not authorized"
                + " to perform: timestream:WriteRecords on resource: " + ARN + "metrics ");
        try (TimestreamWriteClient admin = node.writeClient()) {
            assertThatThrownBy(() -> admin.describeTable(b -> b.databaseName("metrics").tableName("lpw")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        HttpResponse<String> writerWrite = lineProtocol(WRITER, WRITER_SECRET, "lpw,host=h0 usage=1.5");
        assertThat(writerWrite.statusCode()).as(writerWrite.body()).isEqualTo(204);
        try (TimestreamQueryClient adminQueries = node.queryClient()) {
            assertThat(count(adminQueries, "metrics.lpw")).isEqualTo("1");
        }
    }

    @Test
    void theAwsCliReportsTheRefusal() throws Exception {
        Assumptions.assumeTrue(AwsCliIT.awsCliInstalled(),
                "skipped: the AWS CLI is not installed (apt-get install -y awscli to run this test)");
        Path log = dataDir.resolve("aws-cli-denied.log");
        ProcessBuilder cli = new ProcessBuilder(List.of("aws", "--endpoint-url", node.uri().toString(),
                "timestream-write", "create-database", "--database-name", "cli_denied"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        cli.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", READER, "AWS_SECRET_ACCESS_KEY", READER_SECRET,
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        Process process = cli.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("(AccessDeniedException)")
                .contains("User: AKIDREADER is not authorized to perform: timestream:CreateDatabase on resource: "
                        + ARN + "cli_denied");
    }

    private static Record record(String host) {
        return Record.builder().dimensions(d -> d.name("host").value(host)).measureName("usage").measureValue("0.5")
                .measureValueType(MeasureValueType.DOUBLE).time(Long.toString(System.currentTimeMillis() - 60_000))
                .build();
    }

    private static String count(TimestreamQueryClient client, String table) {
        return client.query(b -> b.queryString("SELECT count(*) FROM " + table)).rows().get(0).data().get(0)
                .scalarValue();
    }

    private static TimestreamWriteClient writeClient(String key, String secret) {
        return node.writeClient(key, secret);
    }

    private static TimestreamQueryClient queryClient(String key, String secret) {
        return TimestreamQueryClient.builder().endpointOverride(node.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    /** {@code statement} POSTed to /sql as text/plain, signed by {@code key}. */
    private static HttpResponse<String> sql(String statement, String key, String secret) throws Exception {
        URI uri = node.uri().resolve("/sql");
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.POST)
                        .putHeader("Content-Type", "text/plain").build())
                .payload(ContentStreamProvider.fromUtf8String(statement))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "timestream")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(statement));
        signed.headers().forEach((name, values) -> {
            if (name.startsWith("X-Amz") || name.startsWith("x-amz") || name.equals("Authorization")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One v1 line-protocol write to database {@code metrics}, with the key as InfluxDB's {@code u}/{@code p}. */
    private static HttpResponse<String> lineProtocol(String key, String secret, String lines) throws Exception {
        URI uri = node.uri().resolve("/write?db=metrics&precision=ms&u=" + key + "&p=" + secret);
        String body = lines + " " + (System.currentTimeMillis() - 60_000);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
