package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.http.wire.WireError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamquery.model.Datum;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.InternalServerException;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;
import software.amazon.awssdk.services.timestreamwrite.model.TimestreamWriteException;

/**
 * A failure of the node, not of the caller, reaches a real SDK client as {@link InternalServerException}
 * (HTTP 500) with a message that names nothing of the node's insides, while the node keeps serving
 * the other tables and loses nothing it acknowledged.
 *
 * <p>The failure is real and does not depend on permissions (CI may run as root): the table's
 * journal directory is moved aside and a regular file put in its place, then the node's clock moves
 * past the hour, so the journal's next append must start a new hourly cycle file in a "directory"
 * that is a file. The shard answers the write INTERNAL and restarts; once the directory is back it
 * re-opens its journal and replays it.
 */
class InternalServerErrorIT {

    static final String DATABASE = "internal";

    @TempDir
    Path dataDir;

    final MovableClock clock = new MovableClock();

    @Test
    void aJournalThatCannotRollAnswersInternalServerExceptionAndLosesNothingAcknowledged() throws Exception {
        Map<String, Object> config = Map.of("tidemark.engine.shard.roll-cycle", "hourly",
                // no migration or checkpoint may touch the journal before the write this test refuses
                "tidemark.engine.tier.migration-interval", "1h", "tidemark.engine.shard.checkpoint.max-interval", "1h");
        Path journal;
        try (ServerFixture node = ServerFixture.start(dataDir, config, clock);
             TimestreamWriteClient writer = noRetries(node)) {
            writer.createDatabase(b -> b.databaseName(DATABASE));
            writer.createTable(b -> b.databaseName(DATABASE).tableName("broken"));
            write(writer, "broken", "a", 1.0, 2.0, 3.0);
            journal = onlyJournal();
            writer.createTable(b -> b.databaseName(DATABASE).tableName("healthy"));
            write(writer, "healthy", "a", 1.0);

            Path aside = journal.resolveSibling("journal-aside");
            Files.move(journal, aside);
            Files.writeString(journal, "not a directory");
            clock.advance(Duration.ofHours(1));

            assertThatThrownBy(() -> write(writer, "broken", "refused", 100.0))
                    .isInstanceOfSatisfying(InternalServerException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(WireError.INTERNAL_MESSAGE)
                                .doesNotContain(dataDir.toString(), "journal", "Exception");
                    });

            write(writer, "healthy", "b", 2.0);
            try (TimestreamQueryClient query = node.queryClient()) {
                assertThat(countAndSum(query, "healthy")).containsExactly("2", "3.0");
            }

            Files.delete(journal);
            Files.move(aside, journal);
            writeOnceTheShardIsBack(writer, "broken", "after", 10.0);
            try (TimestreamQueryClient query = node.queryClient()) {
                assertThat(countAndSum(query, "broken")).as("acknowledged 1, 2, 3 and 10; refused 100")
                        .containsExactly("4", "16.0");
            }
        }

        try (ServerFixture restarted = ServerFixture.start(dataDir, config, clock);
             TimestreamQueryClient query = restarted.queryClient()) {
            assertThat(countAndSum(query, "broken")).as("after a restart").containsExactly("4", "16.0");
            assertThat(countAndSum(query, "healthy")).as("after a restart").containsExactly("2", "3.0");
        }
    }

    /** A client that reports the first answer: the SDK would otherwise retry a 500 and report the last one. */
    private static TimestreamWriteClient noRetries(ServerFixture node) {
        return TimestreamWriteClient.builder()
                .endpointOverride(node.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The one journal directory of the node: that of the one table written so far, which has one shard. */
    private Path onlyJournal() throws Exception {
        try (Stream<Path> tables = Files.list(dataDir.resolve("shards"))) {
            List<Path> all = tables.toList();
            assertThat(all).hasSize(1);
            Path journal = all.get(0).resolve("0").resolve("journal");
            assertThat(journal).isDirectory();
            return journal;
        }
    }

    /** Writes one point per value, a second apart, of series {@code host} in single-measure DOUBLE {@code usage}. */
    private void write(TimestreamWriteClient writer, String table, String host, double... values) {
        long newest = clock.millis() - 60_000;
        Record[] records = new Record[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = Record.builder().dimensions(Dimension.builder().name("host").value(host).build())
                    .measureName("usage").measureValueType(MeasureValueType.DOUBLE)
                    .measureValue(Double.toString(values[i])).time(Long.toString(newest - 1000L * i)).build();
        }
        writer.writeRecords(b -> b.databaseName(DATABASE).tableName(table).records(records));
    }

    /**
     * Writes once the restarted shard answers again: until it has re-opened its journal, a write is
     * refused (INTERNAL while it cannot, THROTTLING while it waits to restart).
     */
    private void writeOnceTheShardIsBack(TimestreamWriteClient writer, String table, String host, double value)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                write(writer, table, host, value);
                return;
            } catch (TimestreamWriteException e) {
                if (System.nanoTime() > deadline || e.statusCode() != 500 && e.statusCode() != 429) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static List<String> countAndSum(TimestreamQueryClient query, String table) {
        return query.query(b -> b.queryString("SELECT count(*), sum(measure_value::double) FROM " + DATABASE + "."
                + table)).rows().get(0).data().stream().map(Datum::scalarValue).toList();
    }

    /** The system clock plus an offset the test moves forward. */
    static final class MovableClock extends Clock {

        private final AtomicLong offsetMillis = new AtomicLong();

        void advance(Duration by) {
            offsetMillis.addAndGet(by.toMillis());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("cannot change the zone of a test clock");
        }
    }
}
