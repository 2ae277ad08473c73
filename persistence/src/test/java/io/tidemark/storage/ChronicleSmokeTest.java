package io.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleSmokeTest {
    @Test
    void appendsAndReads(@TempDir Path dir) {
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(dir).build()) {
            ExcerptAppender a = q.createAppender();
            a.writeBytes(b -> b.writeLong(42L));
            ExcerptTailer t = q.createTailer();
            long[] got = new long[1];
            assertThat(t.readBytes(b -> got[0] = b.readLong())).isTrue();
            assertThat(got[0]).isEqualTo(42L);
        }
    }
}
