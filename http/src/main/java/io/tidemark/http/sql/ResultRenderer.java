package io.tidemark.http.sql;

import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.http.wire.WireError;
import io.tidemark.sql.analyzer.OutputColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.pekko.util.ByteString;

/**
 * A query result rendered as response chunks while its batches arrive: {@link #head} first (the
 * columns), then each batch's rows ({@link #rows}), cut into chunks of about {@link #CHUNK_BYTES},
 * then {@link #tail} once the rows have ended, or {@link #errorTrailer} when the result fails after
 * the head went out. Only about one chunk of text is held at a time however large the result:
 * what a batch leaves under a chunk's size goes out with the next batch's rows, or the tail.
 * Single use, one thread at a time (a stream stage calls it).
 */
abstract class ResultRenderer {

    /**
     * A chunk is cut once it holds this many bytes: large enough to amortize a write, small enough
     * to stream. A chunk may exceed it by what the format's writer still buffered
     * ({@link #WRITER_BUFFER_BYTES} at most) plus the row that crossed it.
     */
    static final int CHUNK_BYTES = 64 * 1024;
    /** The most a format's writer holds before passing it to {@link #out} (Jackson's is 8000 bytes). */
    static final int WRITER_BUFFER_BYTES = 8192;

    /** Where the subclass writes; taken and emptied for every chunk. */
    protected final ChunkBuffer out = new ChunkBuffer();
    protected final String queryId;
    protected final List<OutputColumn> columns;

    ResultRenderer(String queryId, List<OutputColumn> columns) {
        this.queryId = queryId;
        this.columns = List.copyOf(columns);
    }

    /** Writes what comes before the first row. */
    protected abstract void writeHead() throws IOException;

    /** Writes row {@code row} of {@code rows}. */
    protected abstract void writeRow(Batch rows, int row) throws IOException;

    /** Writes what comes after the last row. */
    protected abstract void writeTail(QueryStatus status) throws IOException;

    /**
     * Ends the document with {@code error} after the rows written so far; false when the format
     * has no way to say so (the response is then aborted instead).
     */
    protected abstract boolean writeError(WireError error) throws IOException;

    /** Pushes anything the subclass buffers into {@link #out}; called before every chunk is taken. */
    protected abstract void flush() throws IOException;

    /** The head of the document: the columns. */
    ByteString head() {
        return render(this::writeHead);
    }

    /** The chunks of {@code batch}'s rows that fill {@link #CHUNK_BYTES}; the rest waits for the next call. */
    Iterator<ByteString> rows(Batch batch) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                try {
                    while (next < batch.rowCount() && out.size() < CHUNK_BYTES) {
                        writeRow(batch, next++);
                    }
                } catch (IOException e) {
                    throw failed(e);
                }
                return out.size() >= CHUNK_BYTES;
            }

            @Override
            public ByteString next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the batch's rows have been rendered");
                }
                return render(() -> { });
            }
        };
    }

    /** The rest of the rows and the end of the document, with the query's status. */
    ByteString tail(QueryStatus status) {
        return render(() -> writeTail(status));
    }

    /** The rest of the rows and {@code error} ending the document; empty when the format cannot carry it. */
    Optional<ByteString> errorTrailer(WireError error) {
        boolean[] written = new boolean[1];
        ByteString chunk = render(() -> written[0] = writeError(error));
        return written[0] ? Optional.of(chunk) : Optional.empty();
    }

    /** A chunk of what {@code write} writes after what was pending. */
    private ByteString render(Write write) {
        try {
            write.run();
            flush();
        } catch (IOException e) {
            throw failed(e);
        }
        return out.take();
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot render query result: queryId=" + queryId, e);
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** A byte buffer whose content is handed over as a ByteString without copying, then forgotten. */
    static final class ChunkBuffer extends ByteArrayOutputStream {

        ChunkBuffer() {
            super(CHUNK_BYTES + CHUNK_BYTES / 4);
        }

        ByteString take() {
            ByteString chunk = ByteString.fromArrayUnsafe(buf, 0, count);
            buf = new byte[Math.max(32, buf.length)];
            count = 0;
            return chunk;
        }
    }
}
