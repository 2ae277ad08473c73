package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.LambdaValue;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular-expression functions of TIMESTREAM.md §4.8 with {@code java.util.regex} syntax.
 * {@code regexp_like} is a search (anchor with {@code ^…$} to match the whole text); replacements
 * use {@code $g}/{@code ${name}} and {@code \$}. The pattern is compiled once per distinct text in
 * a batch (it is almost always a literal). The lambda form of {@code regexp_replace} gets the
 * match's capture groups as an array (group 1 first) and is invoked once per run of rows sharing
 * one lambda value, over all their matches.
 */
public final class RegexpFunctions implements FunctionGroup {

    private static final ArrayType ARRAY_OF_VARCHAR = new ArrayType(VARCHAR);

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("regexp_like", Overloads.exact(List.of(VARCHAR, VARCHAR), perRow(BOOLEAN, (matcher, text, arguments, row) -> matcher.find())));
        registry.add("regexp_extract", Overloads.exact(List.of(VARCHAR, VARCHAR),
                perRow(VARCHAR, (matcher, text, arguments, row) -> extract(matcher, 0))));
        registry.add("regexp_extract", Overloads.exact(List.of(VARCHAR, VARCHAR, BIGINT),
                perRow(VARCHAR, (matcher, text, arguments, row) -> extract(matcher, arguments[2].getLong(row)))));
        registry.add("regexp_extract_all", Overloads.exact(List.of(VARCHAR, VARCHAR),
                perRow(ARRAY_OF_VARCHAR, (matcher, text, arguments, row) -> extractAll(matcher, 0))));
        registry.add("regexp_extract_all", Overloads.exact(List.of(VARCHAR, VARCHAR, BIGINT),
                perRow(ARRAY_OF_VARCHAR, (matcher, text, arguments, row) -> extractAll(matcher, arguments[2].getLong(row)))));
        registry.add("regexp_replace", Overloads.exact(List.of(VARCHAR, VARCHAR),
                perRow(VARCHAR, (matcher, text, arguments, row) -> matcher.replaceAll(""))));
        registry.add("regexp_replace", Overloads.exact(List.of(VARCHAR, VARCHAR, VARCHAR),
                perRow(VARCHAR, (matcher, text, arguments, row) -> replace(matcher, (String) arguments[2].getObject(row)))));
        registry.add("regexp_replace", signature -> isLambdaReplace(signature) ? RegexpFunctions::replaceWithLambda : null);
        registry.add("regexp_split", Overloads.exact(List.of(VARCHAR, VARCHAR),
                perRow(ARRAY_OF_VARCHAR, (matcher, text, arguments, row) -> Arrays.asList(matcher.pattern().split(text, -1)))));
    }

    /** One row's result from a matcher reset to the row's text. */
    private interface MatchFunction {
        Object apply(Matcher matcher, String text, Vector[] arguments, int row);
    }

    /**
     * The compiled pattern of the previous row while the pattern text stays the same, and one
     * matcher over it that each row resets to its text (so a batch allocates no matcher per row).
     */
    private static final class LastPattern {
        private String text;
        private Pattern pattern;
        private Matcher matcher;

        Pattern pattern(String patternText) {
            if (patternText != text && !patternText.equals(text)) {
                pattern = compile(patternText);
                matcher = pattern.matcher("");
                text = patternText;
            }
            return pattern;
        }

        Matcher matcher(String patternText, String input) {
            pattern(patternText);
            return matcher.reset(input);
        }
    }

    static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException invalid) {
            throw new QueryFunctionException("Invalid regular expression: " + pattern + ": " + invalid.getDescription(), invalid);
        }
    }

    private static ScalarFunction perRow(SqlType resultType, MatchFunction f) {
        return (arguments, rowCount, context) -> {
            LastPattern patterns = new LastPattern();
            boolean[] nulls = Overloads.unionNulls(rowCount, arguments);
            VectorBuilder out = new VectorBuilder(resultType, rowCount);
            for (int row = 0; row < rowCount; row++) {
                if (nulls != null && nulls[row]) {
                    out.appendNull();
                } else {
                    String text = (String) arguments[0].getObject(row);
                    out.append(f.apply(patterns.matcher((String) arguments[1].getObject(row), text), text, arguments, row));
                }
            }
            return out.build();
        };
    }

    private static void checkGroup(Matcher matcher, long group) {
        int groups = matcher.groupCount();
        if (group < 0 || group > groups) {
            throw new QueryFunctionException("Pattern has " + groups + " groups. Cannot access group " + group);
        }
    }

    private static String extract(Matcher matcher, long group) {
        checkGroup(matcher, group);
        return matcher.find() ? matcher.group((int) group) : null;
    }

    private static List<String> extractAll(Matcher matcher, long group) {
        checkGroup(matcher, group);
        List<String> matches = new ArrayList<>();
        while (matcher.find()) {
            matches.add(matcher.group((int) group));
        }
        return matches;
    }

    private static String replace(Matcher matcher, String replacement) {
        try {
            return matcher.replaceAll(replacement);
        } catch (IllegalArgumentException | IndexOutOfBoundsException invalid) {
            throw new QueryFunctionException("Invalid replacement string: '" + replacement + "': " + invalid.getMessage(), invalid);
        }
    }

    private static boolean isLambdaReplace(BoundSignature signature) {
        List<SqlType> types = signature.argumentTypes();
        return types.size() == 3 && types.get(0) == VARCHAR && types.get(1) == VARCHAR && types.get(2) instanceof FunctionType;
    }

    /** One match of one row: where it is in the text and the index of its result in the lambda's output. */
    private record Match(int row, int start, int end) {
    }

    private static Vector replaceWithLambda(Vector[] arguments, int rowCount, EvalContext context) {
        LastPattern patterns = new LastPattern();
        boolean[] nulls = Overloads.unionNulls(rowCount, arguments);
        Object[] out = new Object[rowCount];
        int runStart = 0;
        while (runStart < rowCount) {
            LambdaValue lambda = (LambdaValue) arguments[2].getObject(runStart);
            int runEnd = runStart + 1;
            while (runEnd < rowCount && arguments[2].getObject(runEnd) == lambda) {
                runEnd++;
            }
            List<Match> matches = new ArrayList<>();
            List<Object> groups = new ArrayList<>();
            for (int row = runStart; row < runEnd; row++) {
                if (nulls == null || !nulls[row]) {
                    Matcher matcher = patterns.matcher((String) arguments[1].getObject(row), (String) arguments[0].getObject(row));
                    while (matcher.find()) {
                        matches.add(new Match(row, matcher.start(), matcher.end()));
                        List<String> captured = new ArrayList<>(matcher.groupCount());
                        for (int g = 1; g <= matcher.groupCount(); g++) {
                            captured.add(matcher.group(g));
                        }
                        groups.add(captured);
                    }
                }
            }
            Vector replacements = matches.isEmpty() ? null
                    : lambda.invoke(new Vector[] {Vector.ofObjects(ARRAY_OF_VARCHAR, groups.toArray(), groups.size())}, groups.size(), context);
            assemble(arguments[0], nulls, runStart, runEnd, matches, replacements, out);
            runStart = runEnd;
        }
        return Vector.ofObjects(VARCHAR, out, rowCount);
    }

    /** Rebuilds each row's text with its matches replaced by the lambda's results (a null result removes the match). */
    private static void assemble(Vector texts, boolean[] nulls, int runStart, int runEnd, List<Match> matches, Vector replacements, Object[] out) {
        int next = 0;
        for (int row = runStart; row < runEnd; row++) {
            if (nulls != null && nulls[row]) {
                continue;
            }
            String text = (String) texts.getObject(row);
            StringBuilder result = new StringBuilder(text.length());
            int copied = 0;
            while (next < matches.size() && matches.get(next).row() == row) {
                Match match = matches.get(next);
                result.append(text, copied, match.start());
                Object replacement = replacements.get(next);
                if (replacement != null) {
                    result.append((String) replacement);
                }
                copied = match.end();
                next++;
            }
            out[row] = result.append(text, copied, text.length()).toString();
        }
    }
}
