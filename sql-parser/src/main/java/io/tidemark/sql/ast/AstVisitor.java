package io.tidemark.sql.ast;

/**
 * One visit method per node type. Every method defaults to the visit method of the node's
 * category ({@link #visitExpression}, {@link #visitStatement}, ...), which defaults to
 * {@link #visitNode}; a visitor overrides only what it handles.
 *
 * @param <R> result type
 * @param <C> context type
 */
public interface AstVisitor<R, C> {

    /** The fallback for every node a visitor does not handle; returns null. */
    default R visitNode(Node node, C context) {
        return null;
    }

    default R visitStatement(Statement node, C context) {
        return visitNode(node, context);
    }

    default R visitQueryBody(QueryBody node, C context) {
        return visitNode(node, context);
    }

    default R visitRelation(Relation node, C context) {
        return visitNode(node, context);
    }

    default R visitExpression(Expression node, C context) {
        return visitNode(node, context);
    }

    default R visitSelectItem(SelectItem node, C context) {
        return visitNode(node, context);
    }

    default R visitJoinCriteria(JoinCriteria node, C context) {
        return visitNode(node, context);
    }

    default R visitDataType(DataType node, C context) {
        return visitNode(node, context);
    }

    default R visitDataTypeParameter(DataTypeParameter node, C context) {
        return visitNode(node, context);
    }

    default R visitQuery(Query node, C context) {
        return visitStatement(node, context);
    }

    default R visitExplain(Explain node, C context) {
        return visitStatement(node, context);
    }

    default R visitShowDatabases(ShowDatabases node, C context) {
        return visitStatement(node, context);
    }

    default R visitShowTables(ShowTables node, C context) {
        return visitStatement(node, context);
    }

    default R visitShowMeasures(ShowMeasures node, C context) {
        return visitStatement(node, context);
    }

    default R visitDescribe(Describe node, C context) {
        return visitStatement(node, context);
    }

    default R visitUnload(Unload node, C context) {
        return visitStatement(node, context);
    }

    default R visitProperty(Property node, C context) {
        return visitNode(node, context);
    }

    default R visitWithQuery(WithQuery node, C context) {
        return visitNode(node, context);
    }

    default R visitSortItem(SortItem node, C context) {
        return visitNode(node, context);
    }

    default R visitQuerySpecification(QuerySpecification node, C context) {
        return visitQueryBody(node, context);
    }

    default R visitSetOperation(SetOperation node, C context) {
        return visitQueryBody(node, context);
    }

    default R visitValues(Values node, C context) {
        return visitQueryBody(node, context);
    }

    default R visitNestedQuery(NestedQuery node, C context) {
        return visitQueryBody(node, context);
    }

    default R visitSelect(Select node, C context) {
        return visitNode(node, context);
    }

    default R visitAllColumns(AllColumns node, C context) {
        return visitSelectItem(node, context);
    }

    default R visitSingleColumn(SingleColumn node, C context) {
        return visitSelectItem(node, context);
    }

    default R visitGroupBy(GroupBy node, C context) {
        return visitNode(node, context);
    }

    default R visitTable(Table node, C context) {
        return visitRelation(node, context);
    }

    default R visitAliasedRelation(AliasedRelation node, C context) {
        return visitRelation(node, context);
    }

    default R visitJoin(Join node, C context) {
        return visitRelation(node, context);
    }

    default R visitJoinOn(JoinOn node, C context) {
        return visitJoinCriteria(node, context);
    }

    default R visitJoinUsing(JoinUsing node, C context) {
        return visitJoinCriteria(node, context);
    }

    default R visitTableSubquery(TableSubquery node, C context) {
        return visitRelation(node, context);
    }

    default R visitUnnest(Unnest node, C context) {
        return visitRelation(node, context);
    }

    default R visitIdentifier(Identifier node, C context) {
        return visitExpression(node, context);
    }

    default R visitQualifiedName(QualifiedName node, C context) {
        return visitNode(node, context);
    }

    default R visitDereferenceExpression(DereferenceExpression node, C context) {
        return visitExpression(node, context);
    }

    default R visitLongLiteral(LongLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitDecimalLiteral(DecimalLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitDoubleLiteral(DoubleLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitStringLiteral(StringLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitBooleanLiteral(BooleanLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitNullLiteral(NullLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitDurationLiteral(DurationLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitIntervalLiteral(IntervalLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitTypedLiteral(TypedLiteral node, C context) {
        return visitExpression(node, context);
    }

    default R visitParameter(Parameter node, C context) {
        return visitExpression(node, context);
    }

    default R visitArithmeticBinary(ArithmeticBinary node, C context) {
        return visitExpression(node, context);
    }

    default R visitArithmeticUnary(ArithmeticUnary node, C context) {
        return visitExpression(node, context);
    }

    default R visitConcatenation(Concatenation node, C context) {
        return visitExpression(node, context);
    }

    default R visitComparison(Comparison node, C context) {
        return visitExpression(node, context);
    }

    default R visitLogical(Logical node, C context) {
        return visitExpression(node, context);
    }

    default R visitNot(Not node, C context) {
        return visitExpression(node, context);
    }

    default R visitIsNullPredicate(IsNullPredicate node, C context) {
        return visitExpression(node, context);
    }

    default R visitInPredicate(InPredicate node, C context) {
        return visitExpression(node, context);
    }

    default R visitInList(InList node, C context) {
        return visitExpression(node, context);
    }

    default R visitBetweenPredicate(BetweenPredicate node, C context) {
        return visitExpression(node, context);
    }

    default R visitLikePredicate(LikePredicate node, C context) {
        return visitExpression(node, context);
    }

    default R visitQuantifiedComparison(QuantifiedComparison node, C context) {
        return visitExpression(node, context);
    }

    default R visitExistsPredicate(ExistsPredicate node, C context) {
        return visitExpression(node, context);
    }

    default R visitSubqueryExpression(SubqueryExpression node, C context) {
        return visitExpression(node, context);
    }

    default R visitFunctionCall(FunctionCall node, C context) {
        return visitExpression(node, context);
    }

    default R visitWindow(Window node, C context) {
        return visitNode(node, context);
    }

    default R visitWindowFrame(WindowFrame node, C context) {
        return visitNode(node, context);
    }

    default R visitFrameBound(FrameBound node, C context) {
        return visitNode(node, context);
    }

    default R visitSearchedCase(SearchedCase node, C context) {
        return visitExpression(node, context);
    }

    default R visitSimpleCase(SimpleCase node, C context) {
        return visitExpression(node, context);
    }

    default R visitWhenClause(WhenClause node, C context) {
        return visitNode(node, context);
    }

    default R visitCast(Cast node, C context) {
        return visitExpression(node, context);
    }

    default R visitExtract(Extract node, C context) {
        return visitExpression(node, context);
    }

    default R visitLambda(Lambda node, C context) {
        return visitExpression(node, context);
    }

    default R visitArrayConstructor(ArrayConstructor node, C context) {
        return visitExpression(node, context);
    }

    default R visitRowConstructor(RowConstructor node, C context) {
        return visitExpression(node, context);
    }

    default R visitSubscript(Subscript node, C context) {
        return visitExpression(node, context);
    }

    default R visitCurrentTime(CurrentTime node, C context) {
        return visitExpression(node, context);
    }

    default R visitGenericDataType(GenericDataType node, C context) {
        return visitDataType(node, context);
    }

    default R visitNumericParameter(NumericParameter node, C context) {
        return visitDataTypeParameter(node, context);
    }

    default R visitTypeParameter(TypeParameter node, C context) {
        return visitDataTypeParameter(node, context);
    }

    default R visitRowDataType(RowDataType node, C context) {
        return visitDataType(node, context);
    }

    default R visitRowField(RowField node, C context) {
        return visitNode(node, context);
    }

    default R visitIntervalDataType(IntervalDataType node, C context) {
        return visitDataType(node, context);
    }
}
