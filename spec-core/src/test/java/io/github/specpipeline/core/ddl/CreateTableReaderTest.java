package io.github.specpipeline.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.sql.SqlLexer;
import io.github.specpipeline.core.sql.SqlToken;
import io.github.specpipeline.core.sql.SqlTypes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The one reader of a CREATE TABLE statement: names, types, NOT NULL. */
class CreateTableReaderTest {

    private static List<SqlToken> code(String ddl) throws SqlLexer.LexicalError {
        return SqlLexer.tokenize(ddl).stream()
                .filter(t -> t.kind() != SqlToken.Kind.COMMENT)
                .toList();
    }

    /**
     * What the one DDL reader reads: table name parts, then per column its name, normalised type and NOT NULL. The
     * plain forms are those JSqlParser 5.3 also parses, to the same reading (it used to be consulted as a second
     * reader); the last four are BigQuery forms JSqlParser rejects.
     */
    static Stream<Arguments> readings() {
        return Stream.of(
                Arguments.of(
                        "CREATE TABLE IF NOT EXISTS `raw.crm_customers` (customer_id INT64 NOT NULL, email STRING, phone STRING,"
                                + " status STRING, created_at TIMESTAMP, updated_at TIMESTAMP)",
                        "raw.crm_customers",
                        "customer_id INT64 true, email STRING false, phone STRING false,"
                                + " status STRING false, created_at TIMESTAMP false, updated_at TIMESTAMP false"),
                Arguments.of(
                        "CREATE OR REPLACE TABLE `proj.raw.t` (a numeric(10,2), b STRING(100), c ARRAY<STRING>, d BIGNUMERIC(38, 9))",
                        "proj.raw.t",
                        "a NUMERIC(10, 2) false, b STRING(100) false, c ARRAY<STRING> false,"
                                + " d BIGNUMERIC(38, 9) false"),
                Arguments.of(
                        "CREATE TABLE `raw`.`t` (a INT64 OPTIONS(description=\"x\"), b STRING NOT NULL OPTIONS(description='y'))",
                        "raw.t",
                        "a INT64 false, b STRING true"),
                Arguments.of(
                        "CREATE TABLE raw.t (a INT64 NOT NULL, b STRING DEFAULT 'x', c STRING COLLATE 'und:ci', PRIMARY KEY (a))",
                        "raw.t",
                        "a INT64 true, b STRING false, c STRING false"),
                Arguments.of("CREATE TABLE raw.t (a INT64) OPTIONS(description='x')", "raw.t", "a INT64 false"),
                Arguments.of(
                        "CREATE TABLE raw.t (b INT64 NOT NULL DEFAULT 0, c INT64 DEFAULT 0)",
                        "raw.t",
                        "b INT64 true, c INT64 false"),
                Arguments.of("CREATE TABLE my-project.raw.t (a INT64)", "my-project.raw.t", "a INT64 false"),
                Arguments.of("CREATE TABLE raw.t (d STRUCT<x INT64>)", "raw.t", "d STRUCT<x INT64> false"),
                Arguments.of("CREATE TABLE raw.t (a ARRAY<ARRAY<INT64>>)", "raw.t", "a ARRAY<ARRAY<INT64>> false"),
                Arguments.of("CREATE TABLE raw.t (a INT64, PRIMARY KEY (a) NOT ENFORCED)", "raw.t", "a INT64 false"),
                Arguments.of("CREATE TABLE raw.t (a INT64) PARTITION BY DATE(ts)", "raw.t", "a INT64 false"));
    }

    @ParameterizedTest
    @MethodSource("readings")
    void reads(String ddl, String name, String columns) throws Exception {
        CreateTableReader.TableDef t = CreateTableReader.read(code(ddl));

        assertThat(String.join(".", t.nameParts())).isEqualTo(name);
        assertThat(t.columns().stream()
                        .map(c -> c.name() + " " + c.type() + " " + c.notNull())
                        .toList())
                .isEqualTo(List.of(columns.split(", (?=[a-z_]+ )")));
    }

    @Test
    void notNullInADefaultExpressionIsNotAConstraint() throws Exception {
        CreateTableReader.TableDef t =
                CreateTableReader.read(code("CREATE TABLE raw.t (a BOOL DEFAULT x IS NOT NULL, b INT64)"));

        assertThat(t.columns()).extracting(CreateTableReader.ColumnDef::notNull).containsExactly(false, false);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "numeric (10,2)|NUMERIC(10, 2)",
                "array < struct<City string , zip ARRAY<int64>> >|ARRAY<STRUCT<City STRING, zip ARRAY<INT64>>>",
                "STRUCT<INT64, string>|STRUCT<INT64, STRING>",
                "STRUCT<`Order` INT64>|STRUCT<`Order` INT64>",
                "  timestamp  |TIMESTAMP"
            })
    void typeNormalisation(String written, String normalised) {
        assertThat(SqlTypes.normaliseDeclared(written)).isEqualTo(normalised);
    }
}
