package io.github.specpipeline.core.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A BigQuery column type a spec or a DDL file declares, read once: a scalar of one {@link Kind} (whatever alias
 * was written: {@code INTEGER} is {@code INT64}), an ARRAY of a type, or a STRUCT. Every dialect's type map
 * ({@code DialectRules.type}) is a switch over this model, so a type means the same thing everywhere.
 */
public sealed interface BigQueryType permits BigQueryType.Scalar, BigQueryType.Array, BigQueryType.Struct {

    /** The type as written, normalised ({@link SqlTypes#normalise}): {@code NUMERIC(10, 2)}. */
    String text();

    /** The scalar types, each with the aliases BigQuery accepts for it. */
    enum Kind {
        INT64("INTEGER", "INT", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT"),
        NUMERIC("DECIMAL"),
        BIGNUMERIC("BIGDECIMAL"),
        FLOAT64("FLOAT"),
        BOOL("BOOLEAN"),
        STRING,
        BYTES,
        DATE,
        DATETIME,
        TIME,
        TIMESTAMP,
        JSON,
        GEOGRAPHY,
        INTERVAL;

        private static final Map<String, Kind> BY_NAME = Arrays.stream(values())
                .flatMap(k -> java.util.stream.Stream.concat(java.util.stream.Stream.of(k.name()), k.aliases.stream())
                        .map(n -> Map.entry(n, k)))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

        private final List<String> aliases;

        Kind(String... aliases) {
            this.aliases = List.of(aliases);
        }

        /** The kind a type name (upper-case, no parameters) stands for: {@code INTEGER} is INT64. */
        public static Optional<Kind> named(String name) {
            return Optional.ofNullable(BY_NAME.get(name));
        }
    }

    /**
     * A scalar type.
     *
     * @param parameters the bracketed parameters as written, normalised ({@code (10, 2)}), or empty
     */
    record Scalar(Kind kind, String text, String parameters) implements BigQueryType {
        /** The parameters without spaces: {@code (10,2)}. */
        public String compactParameters() {
            return parameters.replace(" ", "");
        }
    }

    /** {@code ARRAY<element>}. */
    record Array(BigQueryType element, String text) implements BigQueryType {}

    /** {@code STRUCT<name TYPE, ...>}; no dialect here maps the fields one by one. */
    record Struct(String text) implements BigQueryType {}

    /** The type {@code text} declares, or empty when it is not a valid BigQuery type ({@link SqlTypes#parse}). */
    static Optional<BigQueryType> parse(String text) {
        return SqlTypes.parse(text);
    }
}
