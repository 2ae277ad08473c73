package io.tidemark.http.sql;

import io.tidemark.engine.query.QueryService.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.pekko.util.ByteString;

/**
 * A query result rendered as a sequence of response chunks, lazily: each {@link #next} renders
 * rows until the chunk reaches {@link #CHUNK_BYTES} (or the rows run out), so only one chunk of
 * text is in memory at a time however large the result. The first chunk starts with the format's
 * head, the last ends with its tail. Single use, one thread at a time (a stream stage pulls it).
 */
abstract class ResultRenderer implements Iterator<ByteString> {

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
    protected final QueryResult result;
    private int nextRow;
    private boolean started;
    private boolean finished;

    ResultRenderer(QueryResult result) {
        this.result = result;
    }

    /** Writes what comes before the first row. */
    protected abstract void writeHead() throws IOException;

    /** Writes row {@code row} of the result. */
    protected abstract void writeRow(int row) throws IOException;

    /** Writes what comes after the last row. */
    protected abstract void writeTail() throws IOException;

    /** Pushes anything the subclass buffers into {@link #out}; called before every chunk is taken. */
    protected abstract void flush() throws IOException;

    @Override
    public boolean hasNext() {
        return !finished;
    }

    @Override
    public ByteString next() {
        if (finished) {
            throw new NoSuchElementException("the result has been rendered");
        }
        try {
            if (!started) {
                started = true;
                writeHead();
            }
            int rows = result.rows().rowCount();
            while (nextRow < rows && out.size() < CHUNK_BYTES) {
                writeRow(nextRow++);
            }
            if (nextRow == rows) {
                writeTail();
                finished = true;
            }
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render query result: queryId=" + result.queryId(), e);
        }
        return out.take();
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
