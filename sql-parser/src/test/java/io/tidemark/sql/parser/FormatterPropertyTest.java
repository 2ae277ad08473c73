package io.tidemark.sql.parser;

import static io.tidemark.sql.parser.ParserAssert.PARSER;

import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.ast.ArithmeticUnary;
import io.tidemark.sql.ast.ArrayConstructor;
import io.tidemark.sql.ast.BetweenPredicate;
import io.tidemark.sql.ast.BooleanLiteral;
import io.tidemark.sql.ast.Cast;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Concatenation;
import io.tidemark.sql.ast.DecimalLiteral;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.DoubleLiteral;
import io.tidemark.sql.ast.DurationLiteral;
import io.tidemark.sql.ast.DurationUnit;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.GenericDataType;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.InList;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.IsNullPredicate;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.LikePredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.Not;
import io.tidemark.sql.ast.NullLiteral;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.SearchedCase;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.ast.Subscript;
import io.tidemark.sql.ast.WhenClause;
import io.tidemark.sql.format.SqlFormatter;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random expression trees, built directly rather than parsed, print to text that parses back to
 * the same tree: the formatter's parentheses agree with the parser's precedence and
 * associativity for every combination of operators.
 */
class FormatterPropertyTest {

    private static final SourceLocation AT = new SourceLocation(1, 1);

    @Property(tries = 1000)
    void randomExpressionTreesSurviveFormatAndParse(@ForAll("expressions") Expression expression) {
        String formatted = SqlFormatter.formatSql(expression);
        ParserAssert.assertSameTree(PARSER.parseExpression(formatted), expression, formatted);
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return expression(4);
    }

    private static Arbitrary<Expression> expression(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Expression> child = Arbitraries.lazy(() -> expression(depth - 1));
        return Arbitraries.oneOf(
                leaf(),
                Combinators.combine(Arbitraries.of(ArithmeticBinary.Operator.class), child, child)
                        .as((op, l, r) -> new ArithmeticBinary(AT, op, l, r)),
                Combinators.combine(Arbitraries.of(true, false), child).as((neg, v) -> new ArithmeticUnary(AT, neg, v)),
                Combinators.combine(child, child).as((l, r) -> new Concatenation(AT, l, r)),
                Combinators.combine(Arbitraries.of(Comparison.Operator.class), child, child)
                        .as((op, l, r) -> new Comparison(AT, op, l, r)),
                Combinators.combine(Arbitraries.of(Logical.Operator.class), child.list().ofMinSize(2).ofMaxSize(3))
                        .as((op, terms) -> new Logical(AT, op, terms)),
                child.map(v -> new Not(AT, v)),
                Combinators.combine(child, Arbitraries.of(true, false)).as((v, neg) -> new IsNullPredicate(AT, v, neg)),
                Combinators.combine(child, child, child, Arbitraries.of(true, false))
                        .as((v, lo, hi, neg) -> new BetweenPredicate(AT, v, lo, hi, neg)),
                Combinators.combine(child, child, child.optional(), Arbitraries.of(true, false))
                        .as((v, p, e, neg) -> new LikePredicate(AT, v, p, e, neg)),
                Combinators.combine(child, child.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false))
                        .as((v, list, neg) -> new InPredicate(AT, v, new InList(AT, list), neg)),
                Combinators.combine(child, child).as((b, i) -> new Subscript(AT, b, i)),
                child.map(b -> new DereferenceExpression(AT, b, name("f"))),
                child.list().ofMaxSize(3).map(args -> new FunctionCall(AT, new QualifiedName(AT, List.of(name("g"))),
                        false, args, false, Optional.empty(), Optional.empty())),
                child.map(v -> new Cast(AT, v, new GenericDataType(AT, name("bigint"), List.of()), false)),
                Combinators.combine(child, child, child.optional()).as((c, r, d) ->
                        new SearchedCase(AT, List.of(new WhenClause(AT, c, r)), d)),
                child.list().ofMaxSize(3).map(values -> new ArrayConstructor(AT, values)),
                child.map(body -> new Lambda(AT, List.of(name("x")), body)));
    }

    private static Arbitrary<Expression> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(v -> new LongLiteral(AT, v)),
                Arbitraries.of("1.5", "0.25", ".5").map(v -> new DecimalLiteral(AT, v)),
                Arbitraries.doubles().between(0, 1e300).map(v -> new DoubleLiteral(AT, v)),
                Arbitraries.strings().ofMaxLength(5).map(v -> new StringLiteral(AT, v)),
                Arbitraries.of(true, false).map(v -> new BooleanLiteral(AT, v)),
                Arbitraries.just(new NullLiteral(AT)),
                Combinators.combine(Arbitraries.longs().between(0, 1000), Arbitraries.of(DurationUnit.class))
                        .as((amount, unit) -> new DurationLiteral(AT, amount, unit)),
                Arbitraries.of("a", "time", "measure_value::double").map(FormatterPropertyTest::name),
                Arbitraries.of("Quoted", "a b", "select").map(v -> new Identifier(AT, v, true)));
    }

    private static Identifier name(String value) {
        return new Identifier(AT, value, false);
    }
}
