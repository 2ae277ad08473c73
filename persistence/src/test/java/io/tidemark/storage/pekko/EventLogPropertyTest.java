package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random appends, deletions and reopenings of an {@link EventLog} against a plain sorted-map
 * model: after every step, every replay range and limit and the highest sequence number agree.
 */
class EventLogPropertyTest {

    private static final List<String> IDS = List.of("a", "b");

    /** One step: append {@code size} events, delete to {@code highest + offset}, or reopen. */
    record Step(String kind, String persistenceId, int amount) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> id = Arbitraries.of(IDS);
        Arbitrary<Step> append = Arbitraries.integers().between(1, 4).flatMap(n -> id.map(p -> new Step("append", p, n)));
        Arbitrary<Step> delete = Arbitraries.integers().between(-3, 2).flatMap(n -> id.map(p -> new Step("delete", p, n)));
        Arbitrary<Step> reopen = Arbitraries.just(new Step("reopen", "", 0));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, append), net.jqwik.api.Tuple.of(2, delete), net.jqwik.api.Tuple.of(1, reopen))
                .list().ofMinSize(1).ofMaxSize(10);
    }

    /** What the journal must answer for one persistence id. */
    private static final class Model {
        final TreeMap<Long, String> live = new TreeMap<>();
        long highest;
    }

    @Property(tries = 30)
    void replayAgreesWithTheModel(@ForAll("steps") List<Step> steps) throws IOException {
        Path dir = Files.createTempDirectory("event-log-property");
        Map<String, Model> models = new HashMap<>();
        IDS.forEach(id -> models.put(id, new Model()));
        EventLog log = new EventLog(dir, false, FileIo.DEFAULT);
        try {
            for (Step step : steps) {
                Model model = models.get(step.persistenceId());
                switch (step.kind()) {
                    case "append" -> {
                        List<StoredEvent> events = new ArrayList<>();
                        for (int i = 1; i <= step.amount(); i++) {
                            long seq = model.highest + i;
                            String text = step.persistenceId() + seq;
                            events.add(new StoredEvent(step.persistenceId(), seq, "w", "", 1, new SerializedPayload(20, "",
                                    text.getBytes(StandardCharsets.UTF_8))));
                            model.live.put(seq, text);
                        }
                        log.append(new StoredEventBatch(events));
                        model.highest += step.amount();
                    }
                    case "delete" -> {
                        long to = step.amount() == 2 ? Long.MAX_VALUE : model.highest + step.amount();
                        log.deleteTo(step.persistenceId(), to);
                        model.live.headMap(to, true).clear();
                    }
                    default -> {
                        log.close();
                        log = new EventLog(dir, false, FileIo.DEFAULT);
                    }
                }
                for (String id : IDS) {
                    assertAgrees(log, id, models.get(id));
                }
            }
        } finally {
            log.close();
            deleteRecursively(dir);
        }
    }

    private static void assertAgrees(EventLog log, String id, Model model) {
        assertThat(log.highestSequenceNr(id)).as("highest of %s", id).isEqualTo(model.highest);
        for (long from = 1; from <= model.highest + 1; from++) {
            for (long to : new long[] {from - 1, from, from + 2, model.highest, Long.MAX_VALUE}) {
                for (long max : new long[] {1, 2, Long.MAX_VALUE}) {
                    List<String> replayed = new ArrayList<>();
                    log.replay(id, from, to, max, e -> replayed.add(new String(e.payload().bytes(), StandardCharsets.UTF_8)));
                    List<String> expected = to < from ? List.of()
                            : model.live.subMap(from, true, to, true).values().stream().limit(max).toList();
                    assertThat(replayed).as("replay %s from %d to %d max %d", id, from, to, max).isEqualTo(expected);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
