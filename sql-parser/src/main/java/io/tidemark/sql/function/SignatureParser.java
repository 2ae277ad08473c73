package io.tidemark.sql.function;

import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the catalogue's signature text: {@code name(type, ...[...]): type}. Types are the SQL
 * names ({@code bigint}, {@code interval day to second}, {@code array(T)}, {@code map(K, V)},
 * {@code row(time timestamp, value T)}, {@code timeseries(T)}, {@code function(S, T, S)}); one
 * capital letter is a type variable; {@code | T:orderable, U:comparable} after the return type
 * constrains variables. A catalogue typo fails at class initialization, naming the text.
 */
final class SignatureParser {

    private final String text;
    private int position;

    private SignatureParser(String text) {
        this.text = text;
    }

    static Signature parse(FunctionKind kind, String text) {
        SignatureParser parser = new SignatureParser(text);
        String name = parser.word();
        parser.expect('(');
        List<TypePattern> arguments = new ArrayList<>();
        boolean variadic = false;
        if (!parser.accept(')')) {
            do {
                arguments.add(parser.type());
                if (parser.accept('.')) {
                    parser.expect('.');
                    parser.expect('.');
                    variadic = true;
                }
            } while (parser.accept(','));
            parser.expect(')');
        }
        parser.expect(':');
        TypePattern result = parser.type();
        Map<String, Signature.Constraint> constraints = new HashMap<>();
        if (parser.accept('|')) {
            do {
                String variable = parser.word();
                parser.expect(':');
                constraints.put(variable, Signature.Constraint.valueOf(parser.word().toUpperCase(Locale.ROOT)));
            } while (parser.accept(','));
        }
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw parser.error("trailing text");
        }
        return new Signature(name, kind, arguments, variadic, result, constraints);
    }

    private TypePattern type() {
        String word = word();
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return new TypePattern.Variable(word);
        }
        switch (word) {
            case "array":
                return new TypePattern.Array(single());
            case "timeseries":
                return new TypePattern.TimeSeries(single());
            case "map": {
                List<TypePattern> args = list();
                return new TypePattern.Map(args.get(0), args.get(1));
            }
            case "function": {
                List<TypePattern> args = list();
                return new TypePattern.Function(args.subList(0, args.size() - 1), args.get(args.size() - 1));
            }
            case "row":
                return row();
            case "interval": {
                String from = word();
                word();
                word();
                return new TypePattern.Concrete(from.equals("day") ? PrimitiveType.INTERVAL_DAY_TO_SECOND : PrimitiveType.INTERVAL_YEAR_TO_MONTH);
            }
            default:
                return new TypePattern.Concrete(PrimitiveType.valueOf(word.toUpperCase(Locale.ROOT)));
        }
    }

    private TypePattern single() {
        expect('(');
        TypePattern inner = type();
        expect(')');
        return inner;
    }

    private List<TypePattern> list() {
        expect('(');
        List<TypePattern> types = new ArrayList<>();
        do {
            types.add(type());
        } while (accept(','));
        expect(')');
        return types;
    }

    private TypePattern row() {
        expect('(');
        List<Optional<String>> names = new ArrayList<>();
        List<TypePattern> fields = new ArrayList<>();
        do {
            String name = word();
            names.add(Optional.of(name));
            fields.add(type());
        } while (accept(','));
        expect(')');
        return new TypePattern.Row(names, fields);
    }

    private String word() {
        skipSpaces();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        if (start == position) {
            throw error("expected a name");
        }
        return text.substring(start, position);
    }

    private boolean accept(char c) {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("cannot parse function signature: " + what + ", text=" + text + ", offset=" + position);
    }
}
