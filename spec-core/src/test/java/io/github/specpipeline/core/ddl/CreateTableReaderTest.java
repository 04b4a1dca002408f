package io.github.specpipeline.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.sql.SqlLexer;
import io.github.specpipeline.core.sql.SqlToken;
import io.github.specpipeline.core.sql.SqlTypes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The token reader and JSqlParser must read the plain forms identically: the reader prefers JSqlParser's answer. */
class CreateTableReaderTest {

    private static List<SqlToken> code(String ddl) throws SqlLexer.LexicalError {
        return SqlLexer.tokenize(ddl).stream()
                .filter(t -> t.kind() != SqlToken.Kind.COMMENT)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE TABLE IF NOT EXISTS `raw.crm_customers` (customer_id INT64 NOT NULL, email STRING, phone STRING,"
                        + " status STRING, created_at TIMESTAMP, updated_at TIMESTAMP)",
                "CREATE OR REPLACE TABLE `proj.raw.t` (a numeric(10,2), b STRING(100), c ARRAY<STRING>, d BIGNUMERIC(38, 9))",
                "CREATE TABLE `raw`.`t` (a INT64 OPTIONS(description=\"x\"), b STRING NOT NULL OPTIONS(description='y'))",
                "CREATE TABLE raw.t (a INT64 NOT NULL, b STRING DEFAULT 'x', c STRING COLLATE 'und:ci', PRIMARY KEY (a))",
                "CREATE TABLE raw.t (a INT64) OPTIONS(description='x')",
                "CREATE TABLE raw.t (b INT64 NOT NULL DEFAULT 0, c INT64 DEFAULT 0)"
            })
    void bothReadersAgree(String ddl) throws Exception {
        CreateTableReader.TableDef tokens = CreateTableReader.read(code(ddl));
        Optional<JSqlCreateTable.Result> jsql = JSqlCreateTable.read(ddl);

        assertThat(jsql).as("JSqlParser reads " + ddl).isPresent();
        assertThat(jsql.get().nameParts()).isEqualTo(tokens.nameParts());
        assertThat(jsql.get().columnNames())
                .isEqualTo(tokens.columns().stream()
                        .map(CreateTableReader.ColumnDef::name)
                        .toList());
        assertThat(jsql.get().types())
                .isEqualTo(tokens.columns().stream()
                        .map(CreateTableReader.ColumnDef::type)
                        .toList());
        assertThat(jsql.get().notNull())
                .isEqualTo(tokens.columns().stream()
                        .map(CreateTableReader.ColumnDef::notNull)
                        .toList());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE TABLE raw.t (d STRUCT<x INT64>)",
                "CREATE TABLE raw.t (a ARRAY<ARRAY<INT64>>)",
                "CREATE TABLE raw.t (a INT64, PRIMARY KEY (a) NOT ENFORCED)",
                "CREATE TABLE raw.t (a INT64) PARTITION BY DATE(ts)"
            })
    void formsOnlyTheTokenReaderReads(String ddl) throws Exception {
        assertThat(JSqlCreateTable.read(ddl)).isEmpty();
        assertThat(CreateTableReader.read(code(ddl)).columns()).isNotEmpty();
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
