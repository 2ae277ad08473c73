package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.DataType;
import io.tidemark.sql.ast.GenericDataType;
import io.tidemark.sql.ast.IntervalDataType;
import io.tidemark.sql.ast.RowDataType;
import io.tidemark.sql.ast.RowField;
import io.tidemark.sql.ast.TypeParameter;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@link SqlType} a written type names, as in {@code CAST(x AS array(double))} or a typed literal. */
final class TypeResolver {

    private static final Map<String, PrimitiveType> PRIMITIVES = Map.of("boolean", PrimitiveType.BOOLEAN, "int", PrimitiveType.INTEGER,
            "integer", PrimitiveType.INTEGER, "bigint", PrimitiveType.BIGINT, "double", PrimitiveType.DOUBLE, "varchar", PrimitiveType.VARCHAR,
            "timestamp", PrimitiveType.TIMESTAMP, "date", PrimitiveType.DATE, "time", PrimitiveType.TIME);

    private TypeResolver() {
    }

    static SqlType resolve(DataType type) {
        if (type instanceof IntervalDataType interval) {
            if (interval.from() == io.tidemark.sql.ast.IntervalField.YEAR && interval.to() == io.tidemark.sql.ast.IntervalField.MONTH) {
                return PrimitiveType.INTERVAL_YEAR_TO_MONTH;
            }
            if (interval.from() == io.tidemark.sql.ast.IntervalField.DAY && interval.to() == io.tidemark.sql.ast.IntervalField.SECOND) {
                return PrimitiveType.INTERVAL_DAY_TO_SECOND;
            }
            throw new SemanticException(type.location(), "Unknown type: interval " + interval.from().name().toLowerCase(Locale.ROOT)
                    + " to " + interval.to().name().toLowerCase(Locale.ROOT));
        }
        if (type instanceof RowDataType row) {
            List<RowType.Field> fields = new ArrayList<>();
            for (RowField field : row.fields()) {
                fields.add(new RowType.Field(field.name().map(n -> n.canonicalValue()), resolve(field.type())));
            }
            return new RowType(fields);
        }
        GenericDataType generic = (GenericDataType) type;
        String name = generic.name().canonicalValue();
        switch (name) {
            case "array":
                return new ArrayType(typeParameter(generic, 0, 1));
            case "timeseries":
                return new TimeSeriesType(typeParameter(generic, 0, 1));
            case "map":
                return new MapType(typeParameter(generic, 0, 2), typeParameter(generic, 1, 2));
            default:
                break;
        }
        PrimitiveType primitive = PRIMITIVES.get(name);
        if (primitive == null) {
            throw new SemanticException(type.location(), "Unknown type: " + generic.name().value());
        }
        int allowedParameters = primitive == PrimitiveType.VARCHAR ? 1 : 0;
        if (generic.parameters().size() > allowedParameters) {
            throw wrongParameters(generic);
        }
        return primitive;
    }

    private static SqlType typeParameter(GenericDataType type, int index, int count) {
        if (type.parameters().size() != count || !(type.parameters().get(index) instanceof TypeParameter parameter)) {
            throw wrongParameters(type);
        }
        return resolve(parameter.type());
    }

    private static SemanticException wrongParameters(GenericDataType type) {
        return new SemanticException(type.location(), "Type " + type.name().value() + " does not take " + type.parameters().size() + " parameters");
    }
}
