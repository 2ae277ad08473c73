package io.tidemark.engine;

import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link EngineKillTest}: starts a node on the data directory given as the
 * first argument, then writes batches of {@link #BATCH} records forever, printing {@code ACK <n>}
 * after batch {@code n} is acknowledged. Record {@code i} of batch {@code n} has host
 * {@code h<i % 7>} and time {@code base + n * BATCH + i} milliseconds, so the parent can tell from
 * the times which records it must find after the kill.
 */
public final class EngineWriterProcess {

    static final String DB = "crash";
    static final String TABLE = "cpu";
    static final int BATCH = 50;

    private EngineWriterProcess() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        long base = Long.parseLong(args[1]);
        Engine engine = Engine.start(Engine.singleNodeConfig(dataDir, Map.of()), Clock.systemUTC());
        EngineFixture.await(engine.catalog().createDatabase(DB, null, List.of()));
        EngineFixture.await(engine.catalog().createTable(DB, TABLE, RetentionProperties.DEFAULT,
                MagneticStoreWriteProperties.DISABLED, null, List.of()));
        System.out.println("READY");
        for (long n = 0; ; n++) {
            List<RecordInput> records = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                records.add(EngineFixture.cpu("h" + (i % 7), base + n * BATCH + i, Long.toString(n * BATCH + i)));
            }
            WriteOutcome outcome = EngineFixture.write(engine, DB, TABLE, records);
            if (outcome.hasRejections()) {
                throw new IllegalStateException("write rejected: " + outcome.rejected());
            }
            System.out.println("ACK " + n);
            System.out.flush();
        }
    }
}
