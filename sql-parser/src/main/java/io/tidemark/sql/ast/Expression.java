package io.tidemark.sql.ast;

/** A value expression. */
public sealed interface Expression extends Node
        permits Identifier, DereferenceExpression, LongLiteral, DecimalLiteral, DoubleLiteral, StringLiteral, BooleanLiteral, NullLiteral, DurationLiteral, IntervalLiteral, TypedLiteral, Parameter, ArithmeticBinary, ArithmeticUnary, Concatenation, Comparison, Logical, Not, IsNullPredicate, InPredicate, InList, BetweenPredicate, LikePredicate, QuantifiedComparison, ExistsPredicate, SubqueryExpression, FunctionCall, SearchedCase, SimpleCase, Cast, Extract, Lambda, ArrayConstructor, RowConstructor, Subscript, CurrentTime {
}
