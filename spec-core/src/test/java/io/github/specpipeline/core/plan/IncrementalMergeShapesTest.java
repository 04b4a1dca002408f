package io.github.specpipeline.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.engine.bigquery.BigQueryEngine;
import io.github.specpipeline.core.engine.bigquery.InMemoryTable;
import io.github.specpipeline.core.engine.bigquery.TableColumn;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.testrun.DuckDbSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IncrementalPlan#merge} and {@link IncrementalPlan#mergeAsUpdateAndInsert} leave the same rows, for each
 * shape of merge key: the MERGE executed on DuckDB, its UPDATE + INSERT form on GoogleSQL's evaluator, both against
 * rows written here by hand. The stored table holds (1, a) and (2, b), the batch (2, B) and (3, c).
 */
class IncrementalMergeShapesTest {
    private static final List<List<String>> STORED = List.of(row("1", "a"), row("2", "b"));
    private static final List<List<String>> BATCH = List.of(row("2", "B"), row("3", "c"));

    @Test
    void aKeyUpdatesTheMatchedRowAndInsertsTheOthers() throws Exception {
        IncrementalPlan plan = new IncrementalPlan(List.of("k"));
        List<String> expected = List.of("1 a", "2 B", "3 c");
        assertThat(duckDb(plan, List.of("k", "v"))).containsExactlyElementsOf(expected);
        assertThat(plan.mergeAsUpdateAndInsert(Dialect.BIGQUERY, "t", List.of("k", "v"), "b"))
                .hasSize(2);
        assertThat(googleSql(plan, List.of("k", "v"))).containsExactlyElementsOf(expected);
    }

    @Test
    void aKeyOfEveryColumnOnlyInserts() throws Exception {
        IncrementalPlan plan = new IncrementalPlan(List.of("k"));
        List<String> expected = List.of("1", "2", "3");
        assertThat(duckDb(plan, List.of("k"))).containsExactlyElementsOf(expected);
        assertThat(plan.mergeAsUpdateAndInsert(Dialect.BIGQUERY, "t", List.of("k"), "b"))
                .singleElement()
                .asString()
                .startsWith("INSERT INTO");
        assertThat(googleSql(plan, List.of("k"))).containsExactlyElementsOf(expected);
    }

    @Test
    void withoutAKeyTheBatchIsAppended() throws Exception {
        IncrementalPlan plan = new IncrementalPlan(List.of());
        List<String> expected = List.of("1 a", "2 B", "2 b", "3 c");
        assertThat(duckDb(plan, List.of("k", "v"))).containsExactlyElementsOf(expected);
        assertThat(googleSql(plan, List.of("k", "v"))).containsExactlyElementsOf(expected);
    }

    /** The MERGE on DuckDB, the table's rows after it, sorted. */
    private static List<String> duckDb(IncrementalPlan plan, List<String> columns) throws Exception {
        Dialect d = Dialect.DUCKDB;
        try (DuckDbSession s = DuckDbSession.open()) {
            String types = String.join(
                    ", ",
                    columns.stream()
                            .map(c -> c + (c.equals("k") ? " BIGINT" : " VARCHAR"))
                            .toList());
            s.execute("CREATE TABLE t (" + types + ")");
            s.execute("CREATE TABLE b (" + types + ")");
            s.execute("INSERT INTO t VALUES " + values(STORED, columns.size()));
            s.execute("INSERT INTO b VALUES " + values(BATCH, columns.size()));
            s.execute(plan.merge(d, "t", columns, "SELECT " + String.join(", ", columns) + " FROM b"));
            List<String> out = new ArrayList<>();
            for (List<Object> r : s.rows("SELECT " + String.join(", ", columns) + " FROM t ORDER BY ALL")
                    .rows()) {
                out.add(String.join(" ", r.stream().map(DuckDbSession::display).toList()));
            }
            return out;
        }
    }

    /** The UPDATE + INSERT on GoogleSQL, over the batch as a table, the table's rows after them, sorted. */
    private static List<String> googleSql(IncrementalPlan plan, List<String> columns) throws Exception {
        Dialect d = Dialect.BIGQUERY;
        List<TableColumn> types = columns.stream()
                .map(c -> TableColumn.of(c, c.equals("k") ? "INT64" : "STRING"))
                .toList();
        try (BigQueryEngine engine = BigQueryEngine.start(SourceCatalog.empty())) {
            engine.createTable("ds.t", types, cut(STORED, columns.size()));
            InMemoryTable batch = new InMemoryTable("ds.b", types, cut(BATCH, columns.size()));
            for (String sql : plan.mergeAsUpdateAndInsert(d, d.quoteAlways("ds.t"), columns, d.quoteAlways("ds.b"))) {
                engine.modify(sql, plan.uniqueKey(), List.of(batch));
            }
            List<String> out = new ArrayList<>();
            for (List<String> r : engine.query("SELECT " + String.join(", ", columns) + " FROM `ds.t` ORDER BY "
                            + String.join(", ", columns))
                    .rows()) {
                out.add(String.join(" ", r));
            }
            return out;
        }
    }

    private static List<List<String>> cut(List<List<String>> rows, int columns) {
        return rows.stream().map(r -> r.subList(0, columns)).toList();
    }

    private static String values(List<List<String>> rows, int columns) {
        List<String> out = new ArrayList<>();
        for (List<String> r : cut(rows, columns)) {
            List<String> cells = new ArrayList<>();
            for (String v : r) {
                cells.add(v.matches("[0-9]+") ? v : "'" + v + "'");
            }
            out.add("(" + String.join(", ", cells) + ")");
        }
        return String.join(", ", out);
    }

    private static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }
}
