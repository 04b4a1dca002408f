package io.github.specpipeline.core.engine.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.ddl.DdlReadResult;
import io.github.specpipeline.core.ddl.SourceDdlReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GoogleSQL's analyzer and engine over a catalog from DDL: located errors, BigQuery's text form, UTC. */
class BigQueryEngineTest {
    private static final String DDL = """
            CREATE TABLE raw.orders (
              order_id INT64 NOT NULL,
              customer_id INT64,
              amount NUMERIC(10, 2),
              ratio FLOAT64,
              paid BOOL,
              note STRING,
              placed_at TIMESTAMP,
              placed_on DATE
            );
            CREATE TABLE raw.everything (
              i INTEGER, n DECIMAL, bn BIGNUMERIC, f FLOAT64, b BOOLEAN, s STRING(20), by BYTES, d DATE,
              dt DATETIME, t TIME, ts TIMESTAMP, j JSON, a ARRAY<INT64>,
              st STRUCT<city STRING, zip STRING>, nested ARRAY<STRUCT<k STRING, v ARRAY<NUMERIC>>>
            );
            """;

    private static BigQueryEngine engine;

    @BeforeAll
    static void start() throws Exception {
        DdlReadResult ddl = SourceDdlReader.readText(Path.of("sources.sql"), DDL);
        assertThat(ddl.problems()).isEmpty();
        engine = BigQueryEngine.start(ddl.catalog());
        engine.createTable(
                "raw.orders",
                engine.catalog().columns("raw.orders").orElseThrow(),
                List.of(
                        row("1", "10", "49.50", "0.1", "true", "a", "2024-01-05 23:30:00+00", "2024-01-05"),
                        row("2", "10", "100", "1", "false", "", "2024-01-06T02:15:00.5Z", "2024-01-06"),
                        row("3", null, null, null, null, null, null, null)));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }

    @Test
    void everyDdlTypeIsInTheCatalog() {
        assertThat(engine.catalog().problems()).isEmpty();
        assertThat(engine.catalog().columns("RAW.EVERYTHING").orElseThrow().stream()
                        .map(c -> c.name() + " " + c.type().sql()))
                .containsExactly(
                        "i INT64",
                        "n NUMERIC",
                        "bn BIGNUMERIC",
                        "f FLOAT64",
                        "b BOOL",
                        "s STRING",
                        "by BYTES",
                        "d DATE",
                        "dt DATETIME",
                        "t TIME",
                        "ts TIMESTAMP",
                        "j JSON",
                        "a ARRAY<INT64>",
                        "st STRUCT<city STRING, zip STRING>",
                        "nested ARRAY<STRUCT<k STRING, v ARRAY<NUMERIC>>>");
    }

    @Test
    void aValidQueryHasItsResultColumns() {
        Analysis a = engine.analyze("SELECT order_id, amount * 2 AS doubled, [note] AS notes FROM `raw.orders`");
        assertThat(a).isInstanceOf(Analysis.Ok.class);
        assertThat(((Analysis.Ok) a)
                        .columns().stream().map(c -> c.name() + " " + c.type().sql()))
                .containsExactly("order_id INT64", "doubled NUMERIC", "notes ARRAY<STRING>");
    }

    /**
     * {@link BigQueryEngine#analyze} prepares a query rather than resolving it (faster); the answer must be the one
     * the analyzer's resolved tree gives, for queries of every shape validation writes, for statements that are not
     * queries and for invalid ones.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "SELECT order_id, amount * 2 AS doubled, [note] AS notes FROM `raw.orders`",
                "SELECT (SELECT AS STRUCT (amount / 3) AS `c0`, (UPPER(note)) AS `c1` FROM `raw.orders`) AS `p0`,"
                        + " EXISTS(SELECT 1 FROM `raw.orders` WHERE (amount > 1)) AS `p1`",
                "WITH `m` AS (SELECT CAST(NULL AS NUMERIC) AS `x`) SELECT SUM(x) OVER (), x FROM `m`",
                "SELECT ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY placed_at DESC) FROM `raw.orders`",
                "SELECT CAST(CAST(NULL AS NUMERIC) AS INT64)",
                "SELECT CAST(CAST(NULL AS DATE) AS INT64)",
                "SELECT order_id FROM `raw.orders`\nWHERE ROW_NUMBER() OVER () = 1",
                "SELECT nope FROM `raw.orders`",
                "SELEC 1",
                "CREATE TABLE `mart.t` AS SELECT order_id FROM `raw.orders`",
                "MERGE `raw.orders` T USING `raw.orders` S ON T.order_id = S.order_id"
                        + " WHEN NOT MATCHED THEN INSERT ROW"
            })
    void analysisByPreparingAgreesWithTheResolvedTree(String sql) {
        String statement = sql.replace("\\n", "\n");
        assertThat(engine.analyze(statement)).isEqualTo(engine.resolved(statement));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT TIMESTAMP_TRUNC(placed_at, o.MONTH) FROM `raw.orders` o | 1 | 35 | A valid date part name is required
            SELECT order_id FROM `raw.orders`\\nWHERE ROW_NUMBER() OVER () = 1 | 2 | 7 | Analytic function not allowed in WHERE clause
            SELECT nope FROM `raw.orders` | 1 | 8 | Unrecognized name: nope
            SELECT 1 FROM `raw.nothing` | 1 | 15 | Table not found: `raw.nothing`
            SELEC 1 | 1 | 1 | Syntax error
            SELECT SUM(SUM(amount)) FROM `raw.orders` | 1 | 8 | Aggregations of aggregations are not allowed
            """)
    void anAnalyzerErrorIsLocated(String sql, int line, int column, String message) {
        Analysis a = engine.analyze(sql.replace("\\n", "\n"));
        assertThat(a).isInstanceOf(Analysis.Failed.class);
        SqlError e = ((Analysis.Failed) a).error();
        assertThat(e.message()).startsWith(message).doesNotContain("[at ");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
    }

    @Test
    void rowsComeBackInBigQuerysTextForm() throws Exception {
        QueryResult r = engine.query("SELECT order_id, amount, CAST(amount AS STRING) AS amount_text, ratio, paid,"
                + " note, placed_at FROM `raw.orders` ORDER BY order_id");
        assertThat(r.columns().stream().map(TableColumn::name))
                .containsExactly("order_id", "amount", "amount_text", "ratio", "paid", "note", "placed_at");
        assertThat(r.rows())
                .containsExactly(
                        row("1", "49.5", "49.5", "0.1", "true", "a", "2024-01-05 23:30:00+00"),
                        row("2", "100", "100", "1", "false", "", "2024-01-06 02:15:00.500+00"),
                        row("3", null, null, null, null, null, null));
    }

    @Test
    void theDefaultTimeZoneIsUtc() throws Exception {
        // in America/Los_Angeles (the reference implementation's own default) these would be 15, 2024-01-05 and
        // 2024-01-05 08:00:00+00
        QueryResult r = engine.query("SELECT EXTRACT(HOUR FROM placed_at), DATE(placed_at),"
                + " TIMESTAMP_TRUNC(placed_at, DAY), CAST(placed_at AS STRING)"
                + " FROM `raw.orders` WHERE order_id = 1");
        assertThat(r.rows())
                .containsExactly(row("23", "2024-01-05", "2024-01-05 00:00:00+00", "2024-01-05 23:30:00+00"));
        QueryResult fixed = engine.query(
                "SELECT EXTRACT(HOUR FROM TIMESTAMP '2024-01-06 02:15:00'), DATE(TIMESTAMP '2024-01-06 02:15:00')");
        assertThat(fixed.rows()).containsExactly(row("2", "2024-01-06"));
    }

    @Test
    void tablesAreFoundInBackticksIgnoringCase() throws Exception {
        for (String from : List.of("`raw.orders`", "`RAW.Orders`")) {
            assertThat(engine.query("SELECT COUNT(*) FROM " + from).rows())
                    .as(from)
                    .containsExactly(row("3"));
        }
    }

    @Test
    void aCreatedTableIsReadByLaterQueries() throws Exception {
        QueryResult totals = engine.query("SELECT customer_id, SUM(amount) AS total FROM `raw.orders`"
                + " WHERE customer_id IS NOT NULL GROUP BY customer_id");
        engine.createTable("analytics.customer_totals", totals.columns(), totals.rows());
        assertThat(engine.analyze("SELECT total FROM `analytics.customer_totals`"))
                .isInstanceOf(Analysis.Ok.class);
        assertThat(engine.query("SELECT customer_id, total FROM `analytics.customer_totals`")
                        .rows())
                .containsExactly(row("10", "149.5"));
    }

    @Test
    void tablesGivenToOneQueryHideTheCatalogsOnlyForThatQuery() throws Exception {
        InMemoryTable other = new InMemoryTable(
                "raw.orders", List.of(TableColumn.of("order_id", "INT64")), List.of(row("7"), row("8")));
        assertThat(engine.query("SELECT SUM(order_id) FROM `raw.orders`", List.of(other))
                        .rows())
                .containsExactly(row("15"));
        assertThat(engine.query("SELECT SUM(order_id) FROM `raw.orders`").rows())
                .containsExactly(row("6"));
        InMemoryTable fresh = new InMemoryTable("tmp.only", List.of(TableColumn.of("x", "STRING")), List.of(row("x")));
        assertThat(engine.query("SELECT x FROM `tmp.only`", List.of(fresh)).rows())
                .containsExactly(row("x"));
        assertThat(engine.analyze("SELECT x FROM `tmp.only`")).isInstanceOf(Analysis.Failed.class);
    }

    @Test
    void aCellThatIsNotOfItsTypeNamesTableRowAndColumn() {
        assertThatThrownBy(() -> engine.createTable(
                        "tmp.bad",
                        List.of(TableColumn.of("id", "INT64"), TableColumn.of("on_day", "DATE")),
                        List.of(row("1", "2024-01-01"), row("2", "2024-02-30"))))
                .isInstanceOf(BigQueryException.class)
                .hasMessageContaining("table tmp.bad, row 2, column on_day")
                .hasMessageContaining("'2024-02-30' is not a DATE value");
        assertThat(engine.analyze("SELECT 1 FROM `tmp.bad`")).isInstanceOf(Analysis.Failed.class);
    }

    @Test
    void aRunTimeErrorIsReportedWithoutAPosition() {
        assertThatThrownBy(() -> engine.query("SELECT 1 / (order_id - order_id) FROM `raw.orders`"))
                .isInstanceOfSatisfying(BigQueryException.class, e -> {
                    assertThat(e.error().isLocated()).isFalse();
                    assertThat(e.error().message()).contains("division by zero");
                });
    }

    @Test
    void anUpdateAndAnInsertChangeTheTableForTheStatementsAfter() throws Exception {
        List<TableColumn> columns = List.of(TableColumn.of("k", "INT64"), TableColumn.of("v", "STRING"));
        engine.createTable("dml.target", columns, List.of(row("1", "a"), row("2", "b"), row(null, "n")));
        InMemoryTable source =
                new InMemoryTable("dml.source", columns, List.of(row("2", "B"), row("3", "c"), row(null, "m")));
        assertThat(engine.modify(
                        "UPDATE `dml.target` AS t SET v = s.v FROM `dml.source` AS s WHERE t.k = s.k",
                        List.of("k"),
                        List.of(source)))
                .isEqualTo(new DmlResult("dml.target", 0, 1));
        assertThat(engine.modify(
                        "INSERT INTO `dml.target` (k, v) SELECT k, v FROM `dml.source` AS s"
                                + " WHERE NOT EXISTS (SELECT 1 FROM `dml.target` AS t WHERE t.k = s.k)",
                        List.of("k"),
                        List.of(source)))
                .isEqualTo(new DmlResult("dml.target", 2, 0));
        assertThat(engine.query("SELECT k, v FROM `dml.target` ORDER BY k, v").rows())
                .containsExactly(row(null, "m"), row(null, "n"), row("1", "a"), row("2", "B"), row("3", "c"));
        assertThat(engine.analyze("SELECT * FROM `dml.source`"))
                .as("the source was there for the statements alone")
                .isInstanceOf(Analysis.Failed.class);
    }

    @Test
    void aDmlStatementThatCannotRunOrBeKeptFailsWithItsReasonAndChangesNothing() throws Exception {
        List<TableColumn> columns = List.of(TableColumn.of("k", "INT64"), TableColumn.of("v", "STRING"));
        engine.createTable("dml.kept", columns, List.of(row("1", "a"), row("2", "b")));
        InMemoryTable twice = new InMemoryTable("dml.twice", columns, List.of(row("1", "x"), row("1", "y")));
        assertThatThrownBy(() -> engine.modify(
                        "UPDATE `dml.kept` AS t SET v = s.v FROM `dml.twice` AS s WHERE t.k = s.k",
                        List.of("k"),
                        List.of(twice)))
                .isInstanceOf(BigQueryException.class)
                .hasMessageContaining("at most one joined row");
        assertThatThrownBy(() -> engine.modify(
                        "MERGE INTO `dml.kept` AS t USING `dml.twice` AS s ON t.k = s.k"
                                + " WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v)",
                        List.of("k"),
                        List.of(twice)))
                .isInstanceOf(BigQueryException.class)
                .hasMessageContaining("Evaluator does not support statement kind: MergeStmt");
        assertThatThrownBy(() -> engine.modify("DELETE FROM `dml.kept` WHERE k = 1", List.of("k"), List.of()))
                .isInstanceOf(BigQueryException.class)
                .hasMessageContaining("does not say which rows a DELETE removed");
        assertThatThrownBy(() -> engine.modify("UPDATE `dml.kept` SET k = k + 10 WHERE k = 1", List.of("k"), List.of()))
                .isInstanceOf(BigQueryException.class)
                .hasMessageContaining("has the key [11], which 0 stored rows have");
        assertThatThrownBy(() -> engine.modify("UPDATE `dml.kept` SET v = 'z' WHERE k = 1", List.of(), List.of()))
                .isInstanceOf(BigQueryException.class)
                .hasMessageContaining("needs the table's key");
        assertThat(engine.query("SELECT k, v FROM `dml.kept` ORDER BY k").rows())
                .containsExactly(row("1", "a"), row("2", "b"));
    }
}
