package io.tidemark.engine.query.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code hand-written.sql} next to this class: queries separated by blank lines, a
 * {@code -- duck: <sql>} line giving DuckDB's text where the dialects differ, a
 * {@code -- known: <reason>} line marking a known Tidemark defect, other {@code --} lines being
 * comments. Case names are {@code h001}, {@code h002}… in file order.
 */
public final class HandWrittenQueries {

    private static final String RESOURCE = "hand-written.sql";
    private static final String DUCK_PREFIX = "-- duck:";
    private static final String KNOWN_PREFIX = "-- known:";

    private HandWrittenQueries() {
    }

    public static List<DiffQuery> all() {
        List<DiffQuery> queries = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        String duck = null;
        String known = null;
        for (String line : lines()) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                add(queries, sql, duck, known);
                sql.setLength(0);
                duck = null;
                known = null;
            } else if (trimmed.startsWith(DUCK_PREFIX)) {
                duck = trimmed.substring(DUCK_PREFIX.length()).trim();
            } else if (trimmed.startsWith(KNOWN_PREFIX)) {
                known = trimmed.substring(KNOWN_PREFIX.length()).trim();
            } else if (!trimmed.startsWith("--")) {
                sql.append(sql.length() == 0 ? "" : " ").append(trimmed);
            }
        }
        add(queries, sql, duck, known);
        return queries;
    }

    private static void add(List<DiffQuery> queries, StringBuilder sql, String duck, String known) {
        if (sql.length() == 0) {
            if (duck != null || known != null) {
                throw new IllegalStateException("a '-- duck:' or '-- known:' line without a query in " + RESOURCE);
            }
            return;
        }
        String name = String.format("h%03d", queries.size() + 1);
        DiffQuery query = duck == null ? DiffQuery.of(name, sql.toString()) : DiffQuery.of(name, sql.toString(), duck);
        queries.add(known == null ? query : query.known(known));
    }

    private static List<String> lines() {
        try (InputStream in = HandWrittenQueries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("cannot find test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + RESOURCE, e);
        }
    }
}
