package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Identifier;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a written name matches a catalog name: a quoted name exactly, an unquoted one ignoring case
 * (so {@code host}, {@code HOST} and {@code "host"} all find the dimension {@code host}, and only
 * {@code "Host"} or unquoted spellings find {@code Host}).
 */
final class Names {

    private Names() {
    }

    static boolean matches(Identifier written, String name) {
        return written.delimited() ? written.value().equals(name) : written.value().equalsIgnoreCase(name);
    }

    /** A name as error messages show it: {@code t.host}. */
    static String display(List<Identifier> qualifier, Identifier name) {
        return Stream.concat(qualifier.stream(), Stream.of(name)).map(Identifier::value).collect(Collectors.joining("."));
    }
}
