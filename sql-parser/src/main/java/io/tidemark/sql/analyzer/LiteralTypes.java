package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.IntervalField;
import io.tidemark.sql.ast.IntervalLiteral;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Types and checks the text of typed literals ({@code timestamp '2022-06-17 01:00'},
 * {@code date '2022-05-21'}, {@code time '17:02:07'}) and ANSI interval literals, so a bad
 * literal is a semantic error at its position rather than a failure at run time.
 */
final class LiteralTypes {

    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern TIMESTAMP = Pattern.compile(DATE.pattern() + "(?:[ T]" + TIME.pattern() + ")?");
    private static final Pattern INTEGER = Pattern.compile("\\d+");
    private static final Pattern SECONDS = Pattern.compile("\\d+(?:\\.\\d{1,9})?");
    private static final Pattern RANGE = Pattern.compile("[0-9][0-9 :.\\-]*");

    private LiteralTypes() {
    }

    static SqlType typed(TypedLiteral literal) {
        String type = literal.type().toLowerCase(Locale.ROOT);
        String value = literal.value().trim();
        switch (type) {
            case "timestamp":
                check(literal, TIMESTAMP.matcher(value), 1, 4);
                return PrimitiveType.TIMESTAMP;
            case "date":
                check(literal, DATE.matcher(value), 1, -1);
                return PrimitiveType.DATE;
            case "time":
                check(literal, TIME.matcher(value), -1, 1);
                return PrimitiveType.TIME;
            case "bigint", "integer", "int", "double", "boolean", "varchar":
                return type.equals("int") ? PrimitiveType.INTEGER : PrimitiveType.valueOf(type.toUpperCase(Locale.ROOT));
            default:
                throw new SemanticException(literal.location(), "Unknown type: " + literal.type());
        }
    }

    private static void check(TypedLiteral literal, Matcher matcher, int dateGroup, int timeGroup) {
        boolean valid = matcher.matches();
        try {
            if (valid && dateGroup > 0) {
                LocalDate.of(Integer.parseInt(matcher.group(dateGroup)), Integer.parseInt(matcher.group(dateGroup + 1)),
                        Integer.parseInt(matcher.group(dateGroup + 2)));
            }
            if (valid && timeGroup > 0 && matcher.group(timeGroup) != null) {
                String seconds = matcher.group(timeGroup + 2);
                LocalTime.of(Integer.parseInt(matcher.group(timeGroup)), Integer.parseInt(matcher.group(timeGroup + 1)),
                        seconds == null ? 0 : Integer.parseInt(seconds));
            }
        } catch (DateTimeException | NumberFormatException e) {
            valid = false;
        }
        if (!valid) {
            throw new SemanticException(literal.location(), "'" + literal.value() + "' is not a valid " + literal.type().toLowerCase(Locale.ROOT) + " literal");
        }
    }

    static SqlType interval(IntervalLiteral literal) {
        IntervalField from = literal.from();
        IntervalField to = literal.to().orElse(from);
        if (from.isYearToMonth() != to.isYearToMonth() || to.ordinal() < from.ordinal()) {
            throw new SemanticException(literal.location(), "Invalid interval qualifier: " + from.name().toLowerCase(Locale.ROOT)
                    + " to " + to.name().toLowerCase(Locale.ROOT));
        }
        Pattern pattern = literal.to().isPresent() ? RANGE : from == IntervalField.SECOND ? SECONDS : INTEGER;
        if (!pattern.matcher(literal.value().trim()).matches()) {
            throw new SemanticException(literal.location(), "Invalid INTERVAL " + from + " value: " + literal.value());
        }
        return from.isYearToMonth() ? PrimitiveType.INTERVAL_YEAR_TO_MONTH : PrimitiveType.INTERVAL_DAY_TO_SECOND;
    }
}
