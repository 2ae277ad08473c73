package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.vector.Batch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB line protocol against a running node: writes over HTTP ({@code /write},
 * {@code /api/v2/write}), then SQL through the engine shows exactly the rows written.
 */
class LineProtocolIT {

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;
    static HttpClient http;
    /** Whole seconds, a minute ago: inside the default memory store window. */
    static long baseSeconds;

    @BeforeAll
    static void start() throws Exception {
        node = ServerFixture.start(dataDir, Map.of("tidemark.http.line-protocol.max-body-bytes", "64KiB"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String db : List.of("lp_v1", "lp_v2", "lp_partial", "lp_gzip", "lp_limits", "lp_now", "sensors")) {
            node.server.engine().catalog().createDatabase(db, null, List.of()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
        baseSeconds = System.currentTimeMillis() / 1000 - 60;
    }

    @Test
    void v1WriteCreatesTheTableAndEveryTypeReadsBackThroughSql() throws Exception {
        long t = baseSeconds * 1_000_000_000L;
        String body = "# two hosts\n"
                + "cpu,host=a,region=eu-west-1 usage=1.5,count=3i,big=9223372036854775807u,ok=true,note=\"x \\\"y\\\"\" " + t
                + "\n\ncpu,region=eu-west-1,host=b usage=-2,count=-4i,ok=F,note=\"line\\\\z\" " + (t + 1_000_000_000L)
                + "\r\n";
        HttpResponse<String> response = post("/write?db=lp_v1&rp=autogen&precision=ns", body, false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(response.body()).isEmpty();

        assertThat(rows("SELECT host, region, measure_name, usage, count, big, ok, note, to_milliseconds(time)"
                + " FROM lp_v1.cpu ORDER BY time")).containsExactly(
                "a|eu-west-1|cpu|1.5|3|9223372036854775807|true|x \"y\"|" + baseSeconds * 1000,
                "b|eu-west-1|cpu|-2.0|-4|null|false|line\\z|" + (baseSeconds + 1) * 1000);
    }

    @Test
    void v2WriteTakesBucketAndPrecision() throws Exception {
        String body = "mem,host\\ name=my\\,host used=10i " + baseSeconds * 1000 + "\n"
                + "mem,host\\ name=my\\,host used=11i " + (baseSeconds * 1000 + 500);
        HttpResponse<String> response = post("/api/v2/write?org=any&bucket=lp_v2&precision=ms", body, false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(rows("SELECT \"host name\", used, to_milliseconds(time) FROM lp_v2.mem ORDER BY time"))
                .containsExactly("my,host|10|" + baseSeconds * 1000, "my,host|11|" + (baseSeconds * 1000 + 500));
    }

    @Test
    void precisionsScaleTimestamps() throws Exception {
        long minutes = baseSeconds / 60;
        for (String[] p : new String[][] {{"s", Long.toString(baseSeconds)}, {"u", Long.toString(baseSeconds * 1_000_000)},
                {"m", Long.toString(minutes)}}) {
            HttpResponse<String> response = post("/write?db=lp_v1&precision=" + p[0],
                    "prec,unit=" + p[0] + " v=1i " + p[1], false);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        }
        assertThat(rows("SELECT unit, to_milliseconds(time) FROM lp_v1.prec ORDER BY unit")).containsExactly(
                "m|" + minutes * 60_000, "s|" + baseSeconds * 1000, "u|" + baseSeconds * 1000);
    }

    @Test
    void missingTimestampTakesTheServerTime() throws Exception {
        long before = System.currentTimeMillis();
        assertThat(post("/write?db=lp_now", "now,k=v f=1i", false).statusCode()).isEqualTo(204);
        long after = System.currentTimeMillis();
        List<String> rows = rows("SELECT to_milliseconds(time) FROM lp_now.now");
        assertThat(rows).hasSize(1);
        assertThat(Long.parseLong(rows.get(0))).isBetween(before, after);
    }

    @Test
    void badLinesAreNamedAndTheGoodOnesWritten() throws Exception {
        long t = baseSeconds * 1_000_000_000L;
        long old = t - TimeUnit.DAYS.toNanos(2);
        String body = "part,h=a v=1i " + t + "\n"
                + "part,h=b v= " + t + "\n"
                + "part,h=c v=2.5 " + t + "\n"
                + "part,h=d v=3i " + old + "\n"
                + "part,h=e v=4i,v=5i " + t + "\n"
                + "part,h=f v=6i " + t + "\n";
        HttpResponse<String> response = post("/write?db=lp_partial", body, false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"partial write: line 2: unable to parse: column 12:"
                + " missing field value; line 3: field type conflict: input field \\\"v\\\" on measurement"
                + " \\\"part\\\" is type float, already exists as type integer; line 4: The record timestamp is"
                + " outside the time range [")
                .contains("; line 5: unable to parse: duplicate field key v dropped=4\"}");
        assertThat(rows("SELECT h, v FROM lp_partial.part ORDER BY h")).containsExactly("a|1", "f|6");
    }

    @Test
    void linesLikeTheLastGoodOneButForOneKeyOrTypeAreCheckedInFull() throws Exception {
        long t = baseSeconds * 1_000_000_000L;
        // each line after the first has the first's field count: only its keys and types tell it apart
        String body = "shape,h=a x=1i,y=2i " + t + "\n"
                + "shape,h=b x=3i,x=4i " + t + "\n"
                + "shape,h=c x=5i,y=6 " + t + "\n"
                + "shape,h=d x=7i,yy=8i " + t + "\n"
                + "shape,h=e y=9i,x=10i " + t + "\n"
                + "shape,h=f x=11i,yy=12i " + t + "\n"
                + "shape,h=g x=13i,y=14i " + t + "\n";
        HttpResponse<String> response = post("/write?db=lp_partial", body, false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"partial write: line 2: unable to parse: duplicate field"
                + " key x; line 3: field type conflict: input field \\\"y\\\" on measurement \\\"shape\\\" is type"
                + " float, already exists as type integer dropped=2\"}");
        assertThat(rows("SELECT h, x, y, yy FROM lp_partial.shape ORDER BY h")).containsExactly(
                "a|1|2|null", "d|7|null|8", "e|10|9|null", "f|11|null|12", "g|13|14|null");
    }

    @Test
    void typeConflictWithTheTablesSchemaIsNamed() throws Exception {
        long t = baseSeconds * 1_000_000_000L;
        assertThat(post("/write?db=lp_partial", "schema,h=a v=\"text\" " + t, false).statusCode()).isEqualTo(204);
        HttpResponse<String> response = post("/write?db=lp_partial", "schema,h=b v=1 " + t + "\nschema,v=x w=1i "
                + t, false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"partial write: line 1: field type conflict: input field"
                + " \\\"v\\\" on measurement \\\"schema\\\" is type float, already exists as type string;"
                + " line 2: schema conflict: tag key v is a field of measurement schema dropped=2\"}");
    }

    @Test
    void gzipBodiesAreInflated() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append("gzipped,host=h").append(i % 10).append(" v=").append(i).append("i ")
                    .append((baseSeconds * 1000 + i) * 1_000_000L).append('\n');
        }
        HttpResponse<String> response = post("/write?db=lp_gzip", body.toString(), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(rows("SELECT count(*), sum(v) FROM lp_gzip.gzipped")).containsExactly("1000|499500");
    }

    @Test
    void unknownDatabaseIs404InInfluxShape() throws Exception {
        HttpResponse<String> response = post("/write?db=nope", "m f=1", false);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"database not found: \\\"nope\\\"\"}");
        assertThat(post("/write?db=nope", "", false).statusCode()).isEqualTo(404);
    }

    @Test
    void badPrecisionAndMissingDatabaseAre400() throws Exception {
        HttpResponse<String> response = post("/write?db=lp_v1&precision=fortnight", "m f=1", false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"cannot write: invalid precision=fortnight"
                + " (expected ns, u, ms, s, m or h)\"}");
        assertThat(post("/api/v2/write?bucket=lp_v1&precision=h", "m f=1", false).statusCode()).isEqualTo(400);
        assertThat(post("/write", "m f=1", false).body()).isEqualTo("{\"error\":\"database is required\"}");
    }

    @Test
    void bodiesOverTheLimitAre413BeforeAndAfterInflating() throws Exception {
        String line = "big,host=h v=1i " + baseSeconds * 1_000_000_000L + "\n";
        String body = line.repeat(65 * 1024 / line.length() + 1);
        HttpResponse<String> plain = post("/write?db=lp_limits", body, false);
        assertThat(plain.statusCode()).isEqualTo(413);
        assertThat(plain.body()).contains("exceed the limit of 65536 bytes (tidemark.http.line-protocol.max-body-bytes)");
        HttpResponse<String> zipped = post("/write?db=lp_limits", body, true);
        assertThat(zipped.statusCode()).isEqualTo(413);
        assertThat(zipped.body()).contains("gzip body inflates past the limit of 65536 bytes");
        assertThat(rows("SELECT count(*) FROM lp_limits.big")).isEmpty();
    }

    @Test
    void measurementsThatCannotBeTablesRefuseOnlyTheirLines() throws Exception {
        long t = baseSeconds * 1_000_000_000L;
        HttpResponse<String> response = post("/write?db=lp_limits", "x f=1 " + t + "\nfine f=2 " + t, false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"partial write: line 1: cannot create table: ");
        assertThat(rows("SELECT f FROM lp_limits.fine")).containsExactly("2.0");
    }

    @Test
    void randomBodiesAreAnsweredLineByLineNeverWithAServerError() throws Exception {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "rnd,=  \\\"\n#ab1i.eTf-";
        for (int i = 0; i < 40; i++) {
            byte[] body = new byte[random.nextInt(200)];
            for (int j = 0; j < body.length; j++) {
                body[j] = i % 2 == 0 ? (byte) random.nextInt(256) : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.uri() + "/write?db=lp_now"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isIn(204, 400);
        }
    }

    @Test
    void pingAnswers204() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri().resolve("/ping")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    /** The curl examples of docs/api.md's "Line protocol" section answer what the page says, in order. */
    @Test
    void theDocumentedCurlExamplesAnswerAsDocumented() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "api.md"));
        String section = page.substring(page.indexOf("## Line protocol"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        String block = section.substring(section.indexOf("```sh\n") + 6);
        block = block.substring(0, block.indexOf("```"));
        List<String[]> examples = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (String line : block.split("\n")) {
            if (line.startsWith("# ")) {
                expected.append(line.substring(2)).append('\n');
                continue;
            }
            if (expected.length() > 0) {
                examples.add(new String[] {command.toString(), expected.toString()});
                command.setLength(0);
                expected.setLength(0);
            }
            command.append(line).append('\n');
        }
        examples.add(new String[] {command.toString(), expected.toString()});
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        for (String[] example : examples) {
            String script = example[0].replace("localhost:8080", "127.0.0.1:" + node.port());
            Process curl = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(output).as(example[0]).isEqualTo(example[1]);
        }
        assertThat(rows("SELECT host, usage_user, ok FROM sensors.cpu WHERE host LIKE 'host_%' ORDER BY host"))
                .containsExactly("host_0|58|true", "host_1|7|false", "host_2|1|null");
    }

    static HttpResponse<String> post(String pathAndQuery, String body, boolean gzip)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.uri() + pathAndQuery));
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(bytes);
            }
            bytes = out.toByteArray();
            request.header("Content-Encoding", "gzip");
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Each result row as its values joined by '|'; no rows when the table does not exist. */
    static List<String> rows(String sql) throws Exception {
        QueryResult result;
        try {
            result = node.server.engine().query(sql).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (String.valueOf(e.getCause().getMessage()).contains("does not exist")) {
                return List.of();
            }
            throw e;
        }
        Batch rows = result.rows();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < rows.columnCount(); c++) {
                s.append(c == 0 ? "" : "|").append(rows.column(c).get(r));
            }
            out.add(s.toString());
        }
        return out;
    }
}
