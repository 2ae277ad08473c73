package io.tidemark.loadtest.tsbs;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where generated text goes: one stream (a file, or standard output), or named files in a
 * directory, several open at once (one CSV table per measurement) or one after the other (line
 * protocol cut into files). Text is copied out of the caller's builder through one reused buffer.
 */
final class TextOutput implements Closeable {

    private final Path directory;
    private final Writer single;
    private final Map<String, Writer> open = new LinkedHashMap<>();
    private char[] chars = new char[1 << 16];
    private int files;
    private long bytes;

    private TextOutput(Path directory, Writer single) {
        this.directory = directory;
        this.single = single;
    }

    /** Files named by {@link #write}'s name in {@code directory} (created if missing). */
    static TextOutput directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        return new TextOutput(directory, null);
    }

    /** Everything into one stream; names are ignored. */
    static TextOutput stream(OutputStream out) {
        return new TextOutput(null, new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    boolean isDirectory() {
        return directory != null;
    }

    /** Appends {@code text} to file {@code name} (opened on first use) or to the one stream. */
    void write(String name, CharSequence text) throws IOException {
        Writer w = single;
        if (w == null) {
            w = open.get(name);
            if (w == null) {
                w = Files.newBufferedWriter(directory.resolve(name), StandardCharsets.UTF_8);
                open.put(name, w);
                files++;
            }
        }
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        if (text instanceof StringBuilder sb) {
            sb.getChars(0, length, chars, 0);
            w.write(chars, 0, length);
        } else {
            w.append(text);
        }
        bytes += length;
    }

    /** Closes file {@code name} if open; later writes to it would start it anew. */
    void finish(String name) throws IOException {
        Writer w = open.remove(name);
        if (w != null) {
            w.close();
        }
    }

    /** Files written (0 for a single stream). */
    int files() {
        return files;
    }

    /** Characters written (bytes, for the ASCII the generators produce). */
    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        for (Writer w : open.values()) {
            w.close();
        }
        open.clear();
        if (single != null) {
            single.flush();
        }
    }
}
