package io.github.specpipeline.core.engine.bigquery;

import com.google.zetasql.ArrayType;
import com.google.zetasql.StructType;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A BigQuery column type: a scalar, {@code ARRAY<...>} or {@code STRUCT<...>}. Parsed from the type text of the
 * DDL ({@link #parse}) and converted to and from GoogleSQL's {@link Type}. Type parameters ({@code NUMERIC(10, 2)},
 * {@code STRING(10)}) limit what BigQuery stores, not what a query computes, so they are dropped.
 */
public sealed interface BigQueryType {

    /** GoogleSQL's type. */
    Type zetaType();

    /** The type as BigQuery writes it, e.g. {@code ARRAY<STRUCT<city STRING>>}. */
    String sql();

    /** The result of the function for this kind of type: an exhaustive choice (Java 17 has no switch on types). */
    <R> R match(Function<Scalar, R> scalar, Function<ArrayOf, R> array, Function<StructOf, R> struct);

    /** A scalar type. */
    record Scalar(ScalarKind kind) implements BigQueryType {
        public Scalar {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public Type zetaType() {
            return TypeFactory.createSimpleType(kind.zetaKind());
        }

        @Override
        public String sql() {
            return kind.sqlName();
        }

        @Override
        public <R> R match(Function<Scalar, R> scalar, Function<ArrayOf, R> array, Function<StructOf, R> struct) {
            return scalar.apply(this);
        }
    }

    /** {@code ARRAY<element>}. */
    record ArrayOf(BigQueryType element) implements BigQueryType {
        public ArrayOf {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public ArrayType zetaType() {
            return TypeFactory.createArrayType(element.zetaType());
        }

        @Override
        public String sql() {
            return "ARRAY<" + element.sql() + ">";
        }

        @Override
        public <R> R match(Function<Scalar, R> scalar, Function<ArrayOf, R> array, Function<StructOf, R> struct) {
            return array.apply(this);
        }
    }

    /** {@code STRUCT<name type, ...>}; a field name may be empty (an anonymous field of a query result). */
    record StructOf(List<Field> fields) implements BigQueryType {
        public StructOf {
            fields = List.copyOf(fields);
        }

        @Override
        public StructType zetaType() {
            return TypeFactory.createStructType(fields.stream()
                    .map(f -> new StructType.StructField(f.name(), f.type().zetaType()))
                    .toList());
        }

        @Override
        public String sql() {
            return fields.stream()
                    .map(f -> f.name().isEmpty()
                            ? f.type().sql()
                            : f.name() + " " + f.type().sql())
                    .collect(Collectors.joining(", ", "STRUCT<", ">"));
        }

        @Override
        public <R> R match(Function<Scalar, R> scalar, Function<ArrayOf, R> array, Function<StructOf, R> struct) {
            return struct.apply(this);
        }
    }

    /** A field of a STRUCT. */
    record Field(String name, BigQueryType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    static BigQueryType of(ScalarKind kind) {
        return new Scalar(kind);
    }

    /**
     * The type written as {@code text} (any case and spacing, aliases such as {@code INTEGER} and {@code DECIMAL}).
     *
     * @throws IllegalArgumentException when the text is not a BigQuery type; the message says why
     */
    static BigQueryType parse(String text) {
        return new TypeParser(text).parse();
    }

    /**
     * The BigQuery type of a GoogleSQL type (a query's output column).
     *
     * @return empty for a kind BigQuery has no column type for (PROTO, ENUM, RANGE, MAP, ...)
     */
    static Optional<BigQueryType> of(Type type) {
        TypeKind kind = type.getKind();
        if (kind == TypeKind.TYPE_ARRAY) {
            return of(type.asArray().getElementType()).map(ArrayOf::new);
        }
        if (kind == TypeKind.TYPE_STRUCT) {
            List<Field> fields = new ArrayList<>();
            for (StructType.StructField f : type.asStruct().getFieldList()) {
                Optional<BigQueryType> t = of(f.getType());
                if (t.isEmpty()) {
                    return Optional.empty();
                }
                fields.add(new Field(f.getName(), t.get()));
            }
            return Optional.of(new StructOf(fields));
        }
        for (ScalarKind k : ScalarKind.values()) {
            if (k.zetaKind() == kind) {
                return Optional.of(new Scalar(k));
            }
        }
        return Optional.empty();
    }
}
