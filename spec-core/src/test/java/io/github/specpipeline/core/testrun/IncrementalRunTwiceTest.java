package io.github.specpipeline.core.testrun;

import static io.github.specpipeline.core.testrun.IncrementalRuns.display;
import static io.github.specpipeline.core.testrun.IncrementalRuns.mergeAsDml;
import static io.github.specpipeline.core.testrun.IncrementalRuns.rows;
import static io.github.specpipeline.core.testrun.IncrementalRuns.runAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.engine.bigquery.Analysis;
import io.github.specpipeline.core.engine.bigquery.BigQueryEngine;
import io.github.specpipeline.core.engine.bigquery.BigQueryException;
import io.github.specpipeline.core.generate.SqlQueryWriter;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.IncrementalPlan;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-twice check of incremental models ({@link IncrementalPlan}) on every engine, over the spec
 * {@code generate/incremental}: a first run over the initial sources, then a changed batch (a payment updated with a
 * later updated_at, a new payment, and a late payment whose updated_at is older than the stored maximum but inside
 * the one-day lookback), then the incremental statement again. The tables must equal the expected rows written here
 * by hand, which are also what a full rebuild over the final sources gives (checked on DuckDB and GoogleSQL).
 *
 * <p>{@code daily_revenue} is watermarked on its group key {@code paid_date} with a two-day lookback, so the second
 * run recomputes 2024-03-02 to 2024-03-04 whole and keeps 2024-03-01 as stored.
 *
 * <p>A third run after a change the watermark cannot see (payment 1's amount changed, its updated_at not) must
 * leave the table alone: this is what shows the statement reads a batch and is not a rebuild in disguise.
 *
 * <p>DuckDB runs the generated script (CREATE IF NOT EXISTS, MERGE); Spark runs the generated PySpark
 * ({@code run_all.py}, the anti-join merge without Delta); GoogleSQL's reference engine keeps tables between
 * statements in its catalog but its Java API runs queries, so it runs the BigQuery batch select and the merge as
 * the query {@link IncrementalPlan#mergedRows} (what the MERGE leaves), and its analyzer checks the BigQuery
 * {@code MERGE} text itself.
 */
class IncrementalRunTwiceTest {
    static final Path SPEC = Path.of("src/test/resources/generate/incremental");
    static final Instant RUN_AT = Instant.parse("2026-01-01T00:00:00Z");

    static final List<String> PAYMENT_COLUMNS =
            List.of("payment_id", "account_id", "amount", "status", "paid_at", "updated_at");
    static final List<String> ACCOUNT_COLUMNS = List.of("account_id", "region");
    static final List<String[]> ACCOUNTS = List.of(row("1", "emea"), row("2", "amer"), row("3", null));

    static final List<String[]> FIRST = List.of(
            row("1", "1", "10.00", "settled", "2024-03-01T09:00:00Z", "2024-03-01T09:00:00Z"),
            row("2", "1", "20.00", "pending", "2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z"),
            row("3", "2", "5.50", "settled", "2024-03-02T08:00:00Z", "2024-03-02T08:00:00Z"),
            row("4", "3", "7.25", "settled", "2024-03-03T12:00:00Z", "2024-03-03T12:00:00Z"),
            row("5", "2", "99.00", "test", "2024-03-03T13:00:00Z", "2024-03-03T13:00:00Z"));

    /** The sources of the second run: 3 updated (later updated_at), 6 new, 7 late (inside the lookback). */
    static final List<String[]> SECOND = List.of(
            FIRST.get(0),
            FIRST.get(1),
            row("3", "2", "6.00", "settled", "2024-03-02T08:00:00Z", "2024-03-04T08:00:00Z"),
            FIRST.get(3),
            FIRST.get(4),
            row("6", "1", "12.00", "settled", "2024-03-04T10:00:00Z", "2024-03-04T10:00:00Z"),
            row("7", "2", "3.00", "settled", "2024-03-03T06:00:00Z", "2024-03-03T06:00:00Z"));

    /** The third run's sources: payment 1's amount changed without its updated_at moving. */
    static final List<String[]> THIRD =
            replaceFirst(SECOND, row("1", "1", "11.00", "settled", "2024-03-01T09:00:00Z", "2024-03-01T09:00:00Z"));

    /** Hand-checked: stg_payments after the second run (payment 5 is a test payment, filtered out). */
    static final List<String> PAYMENTS_AFTER_SECOND = List.of(
            "1 | 1 | EMEA | 10 | SETTLED | 2024-03-01 | 2024-03-01T09:00:00Z",
            "2 | 1 | EMEA | 20 | PENDING | 2024-03-01 | 2024-03-01T10:00:00Z",
            "3 | 2 | AMER | 6 | SETTLED | 2024-03-02 | 2024-03-04T08:00:00Z",
            "4 | 3 | UNKNOWN | 7.25 | SETTLED | 2024-03-03 | 2024-03-03T12:00:00Z",
            "6 | 1 | EMEA | 12 | SETTLED | 2024-03-04 | 2024-03-04T10:00:00Z",
            "7 | 2 | AMER | 3 | SETTLED | 2024-03-03 | 2024-03-03T06:00:00Z");

    /** Hand-checked: settled revenue per day and region after the second run. */
    static final List<String> REVENUE_AFTER_SECOND = List.of(
            "2024-03-01 | EMEA | 10 | 1",
            "2024-03-02 | AMER | 6 | 1",
            "2024-03-03 | AMER | 3 | 1",
            "2024-03-03 | UNKNOWN | 7.25 | 1",
            "2024-03-04 | EMEA | 12 | 1");

    static final String PAYMENTS_QUERY = "SELECT payment_id, account_id, region, amount, status, paid_date, updated_at"
            + " FROM %s ORDER BY payment_id";
    static final String REVENUE_QUERY =
            "SELECT paid_date, region, revenue, payments FROM %s ORDER BY paid_date, region";

    @TempDir
    Path dir;

    /** Spark started once for the test JVM, not per engine ({@link SharedSpark}). */
    @BeforeAll
    static void shareSpark() {
        SharedSpark.use();
    }

    @Test
    void duckDbScriptRunTwiceEqualsTheHandCheckedRowsAndAFullRebuild() throws Exception {
        ValidatedSpec spec = spec();
        DuckDbPlan plan = new DuckDbGenerator().plan(spec);
        Map<String, RawTable> raw = RawTable.resolve(spec, plan);
        try (DuckDbSession incremental = DuckDbSession.open();
                DuckDbSession rebuild = DuckDbSession.open()) {
            prepare(incremental, plan, raw, FIRST);
            runAll(incremental, plan);
            replacePayments(incremental, plan, SECOND);
            runAll(incremental, plan);
            assertThat(rows(incremental, PAYMENTS_QUERY, plan, "stg_payments"))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
            assertThat(rows(incremental, REVENUE_QUERY, plan, "daily_revenue"))
                    .containsExactlyElementsOf(REVENUE_AFTER_SECOND);

            prepare(rebuild, plan, raw, SECOND);
            runAll(rebuild, plan);
            assertThat(rows(rebuild, PAYMENTS_QUERY, plan, "stg_payments"))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
            assertThat(rows(rebuild, REVENUE_QUERY, plan, "daily_revenue"))
                    .containsExactlyElementsOf(REVENUE_AFTER_SECOND);

            replacePayments(incremental, plan, THIRD);
            runAll(incremental, plan);
            assertThat(rows(incremental, PAYMENTS_QUERY, plan, "stg_payments"))
                    .as("a change whose updated_at does not move is outside the batch")
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
        }
    }

    @Test
    void googleSqlBatchAndMergeRunTwiceEqualTheHandCheckedRowsAndAFullRebuild() throws Exception {
        ValidatedSpec spec = spec();
        DuckDbPlan duck = new DuckDbGenerator().plan(spec);
        Map<String, RawTable> raw = RawTable.resolve(spec, duck);
        Dialect d = Dialect.BIGQUERY;
        GoogleSqlEngine incremental = GoogleSqlEngine.start(spec, raw, rawRows(FIRST), RUN_AT);
        GoogleSqlEngine rebuild = GoogleSqlEngine.start(spec, raw, rawRows(SECOND), RUN_AT);
        try {
            for (DuckDbPlan.ModelBuild b : incremental.models()) {
                incremental.build(b, b.statements().get(0));
                rebuild.build(b, b.statements().get(0));
            }
            incremental.replaceRawRows("payments", new GoogleSqlEngine.RawRows(PAYMENT_COLUMNS, SECOND));
            runIncrementally(spec, incremental);
            String payments = d.quoteAlways("staging.stg_payments");
            String revenue = d.quoteAlways("analytics.daily_revenue");
            assertThat(display(incremental.query(PAYMENTS_QUERY.formatted(payments), List.of())))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
            assertThat(display(incremental.query(REVENUE_QUERY.formatted(revenue), List.of())))
                    .containsExactlyElementsOf(REVENUE_AFTER_SECOND);
            assertThat(display(rebuild.query(PAYMENTS_QUERY.formatted(payments), List.of())))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
            assertThat(display(rebuild.query(REVENUE_QUERY.formatted(revenue), List.of())))
                    .containsExactlyElementsOf(REVENUE_AFTER_SECOND);

            incremental.replaceRawRows("payments", new GoogleSqlEngine.RawRows(PAYMENT_COLUMNS, THIRD));
            runIncrementally(spec, incremental);
            assertThat(display(incremental.query(PAYMENTS_QUERY.formatted(payments), List.of())))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
        } finally {
            incremental.close();
            rebuild.close();
        }
        // the MERGE that BigQuery runs is valid GoogleSQL against the tables
        try (BigQueryEngine engine = BigQueryEngine.start(spec.sourceCatalog().orElseThrow())) {
            for (Model m : spec.graph().order()) {
                ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
                String table = d.quoteAlways(spec.spec().schema().of(m.layer()) + "." + m.name());
                Analysis select = engine.analyze(SqlQueryWriter.select(plan, d, bigQueryRelation(spec)));
                assertThat(select).isInstanceOf(Analysis.Ok.class);
                engine.createTable(
                        spec.spec().schema().of(m.layer()) + "." + m.name(),
                        ((Analysis.Ok) select).columns(),
                        List.of());
                String merge = plan.incremental().merge(d, table, plan.selectColumns(), batch(spec, plan, d, table));
                assertThat(engine.analyze(merge)).as(merge).isInstanceOf(Analysis.Ok.class);
            }
        }
    }

    /**
     * The BigQuery MERGE's clauses executed on GoogleSQL's evaluator ({@link GoogleSqlEngine#runIncrementally}:
     * the batch stored, then {@link IncrementalPlan#mergeAsUpdateAndInsert}), with the rows each run updated and
     * inserted: counted by hand from the watermarks (stg_payments after the first run holds updated_at up to
     * 2024-03-03 12:00, so the second batch is payments 3, 4, 6 and 7; daily_revenue holds days up to 2024-03-03,
     * so its batch is the days after 2024-03-01).
     */
    @Test
    void googleSqlMergeAsUpdateAndInsertRunTwiceEqualsTheHandCheckedRows() throws Exception {
        ValidatedSpec spec = spec();
        DuckDbPlan duck = new DuckDbGenerator().plan(spec);
        Map<String, RawTable> raw = RawTable.resolve(spec, duck);
        Dialect d = Dialect.BIGQUERY;
        String payments = d.quoteAlways("staging.stg_payments");
        String revenue = d.quoteAlways("analytics.daily_revenue");
        GoogleSqlEngine engine = GoogleSqlEngine.start(spec, raw, rawRows(FIRST), RUN_AT);
        try {
            for (DuckDbPlan.ModelBuild b : engine.models()) {
                engine.build(b, b.statements().get(0));
            }
            engine.replaceRawRows("payments", new GoogleSqlEngine.RawRows(PAYMENT_COLUMNS, SECOND));
            assertThat(mergeAsDml(engine, b -> true))
                    .containsExactly(
                            "staging.stg_payments: 2 updated, 0 inserted",
                            "staging.stg_payments: 0 updated, 2 inserted",
                            "analytics.daily_revenue: 2 updated, 0 inserted",
                            "analytics.daily_revenue: 0 updated, 2 inserted");
            assertThat(display(engine.query(PAYMENTS_QUERY.formatted(payments), List.of())))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
            assertThat(display(engine.query(REVENUE_QUERY.formatted(revenue), List.of())))
                    .containsExactlyElementsOf(REVENUE_AFTER_SECOND);

            engine.replaceRawRows("payments", new GoogleSqlEngine.RawRows(PAYMENT_COLUMNS, THIRD));
            assertThat(mergeAsDml(engine, b -> true))
                    .as("payment 1 is outside the batch; 3, 4 and 6 (and their days) are merged again unchanged")
                    .containsExactly(
                            "staging.stg_payments: 3 updated, 0 inserted",
                            "staging.stg_payments: 0 updated, 0 inserted",
                            "analytics.daily_revenue: 3 updated, 0 inserted",
                            "analytics.daily_revenue: 0 updated, 0 inserted");
            assertThat(display(engine.query(PAYMENTS_QUERY.formatted(payments), List.of())))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
            assertThat(display(engine.query(REVENUE_QUERY.formatted(revenue), List.of())))
                    .containsExactlyElementsOf(REVENUE_AFTER_SECOND);
        } finally {
            engine.close();
        }
    }

    /**
     * GoogleSQL's evaluator runs no MERGE: the statement the BigQuery targets write is analyzed (in the test above)
     * but refused when run. When a newer ZetaSQL runs it, this fails, and the run-twice test should run the MERGE.
     */
    @Test
    void googleSqlsEvaluatorRefusesTheBigQueryMerge() throws Exception {
        ValidatedSpec spec = spec();
        Dialect d = Dialect.BIGQUERY;
        try (BigQueryEngine engine = BigQueryEngine.start(spec.sourceCatalog().orElseThrow())) {
            Model m = spec.spec().model("stg_payments").orElseThrow();
            ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
            String name = spec.spec().schema().of(m.layer()) + "." + m.name();
            Analysis select = engine.analyze(SqlQueryWriter.select(plan, d, bigQueryRelation(spec)));
            engine.createTable(name, ((Analysis.Ok) select).columns(), List.of());
            String table = d.quoteAlways(name);
            String merge = plan.incremental().merge(d, table, plan.selectColumns(), batch(spec, plan, d, table));
            assertThat(engine.analyze(merge)).isInstanceOf(Analysis.Ok.class);
            assertThatThrownBy(() -> engine.modify(merge, plan.incremental().uniqueKey(), List.of()))
                    .isInstanceOf(BigQueryException.class)
                    .hasMessageContaining("Evaluator does not support statement kind: MergeStmt");
        }
    }

    @Test
    void generatedPySparkRunTwiceEqualsTheHandCheckedRows() throws Exception {
        Path python = TestPython.require();
        ValidatedSpec spec = spec();
        DuckDbPlan duck = new DuckDbGenerator().plan(spec);
        Map<String, RawTable> raw = RawTable.resolve(spec, duck);
        Path pyspark = IncrementalRuns.writePySpark(spec, dir.resolve("pyspark"));
        Dialect d = Dialect.SPARK;
        String payments = d.quoteAlways("staging") + "." + d.quoteAlways("stg_payments");
        String revenue = d.quoteAlways("analytics") + "." + d.quoteAlways("daily_revenue");
        SparkEngine spark = SparkEngine.start(
                spec, raw, rawRows(FIRST), RUN_AT, new SparkConnection(python.toString(), null, null), Duration.ZERO);
        try {
            spark.saveRawTables();
            spark.runGenerated(pyspark);
            spark.rows(insertOverwrite(d.quoteAlways("raw") + "." + d.quoteAlways("payments"), SECOND, "TIMESTAMP"));
            spark.runGenerated(pyspark);
            assertThat(display(spark.rows(PAYMENTS_QUERY.formatted(payments))))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
            assertThat(display(spark.rows(REVENUE_QUERY.formatted(revenue))))
                    .containsExactlyElementsOf(REVENUE_AFTER_SECOND);
            spark.rows(insertOverwrite(d.quoteAlways("raw") + "." + d.quoteAlways("payments"), THIRD, "TIMESTAMP"));
            spark.runGenerated(pyspark);
            assertThat(display(spark.rows(PAYMENTS_QUERY.formatted(payments))))
                    .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
        } finally {
            spark.close();
        }
    }

    /** One incremental run on GoogleSQL: per model, its batch, then the table after the merge replaces it. */
    private static void runIncrementally(ValidatedSpec spec, GoogleSqlEngine engine) throws Exception {
        Dialect d = Dialect.BIGQUERY;
        for (DuckDbPlan.ModelBuild b : engine.models()) {
            ModelPlan plan =
                    ModelPlanner.planOrThrow(spec, spec.spec().model(b.model()).orElseThrow());
            String table = d.quoteAlways(b.qualifiedName());
            String merged = plan.incremental().mergedRows(d, table, plan.selectColumns(), batch(spec, plan, d, table));
            engine.build(b, merged);
        }
    }

    private static String batch(ValidatedSpec spec, ModelPlan plan, Dialect d, String table) {
        return SqlQueryWriter.batch(plan, d, bigQueryRelation(spec), SqlQueryWriter.Batch.always(table));
    }

    private static Function<ModelPlan.Source, String> bigQueryRelation(ValidatedSpec spec) {
        Dialect d = Dialect.BIGQUERY;
        return s -> {
            if (s.model()) {
                Model up = spec.spec().model(s.ref().table()).orElseThrow();
                return d.quoteAlways(spec.spec().schema().of(up.layer()) + "." + up.name());
            }
            return d.quoteAlways(spec.spec().schema().raw() + "." + s.ref().table());
        };
    }

    private ValidatedSpec spec() {
        SpecLoader.Result r =
                SpecLoader.load(new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), dir));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        return r.spec().orElseThrow();
    }

    private static void prepare(DuckDbSession s, DuckDbPlan plan, Map<String, RawTable> raw, List<String[]> payments)
            throws Exception {
        for (String sql : plan.setupStatements()) {
            s.execute(sql);
        }
        for (RawTable r : raw.values()) {
            s.execute(r.createStatement());
        }
        s.execute(insert(plan.rawTables().get("accounts"), ACCOUNTS, "TIMESTAMPTZ"));
        s.execute(insert(plan.rawTables().get("payments"), payments, "TIMESTAMPTZ"));
    }

    private static void replacePayments(DuckDbSession s, DuckDbPlan plan, List<String[]> payments) throws Exception {
        s.execute("DELETE FROM " + plan.rawTables().get("payments"));
        s.execute(insert(plan.rawTables().get("payments"), payments, "TIMESTAMPTZ"));
    }

    /** {@code INSERT INTO table VALUES ...} of text rows: numbers and NULL as they are, timestamps typed. */
    private static String insert(String table, List<String[]> rows, String timestampType) {
        return "INSERT INTO " + table + " VALUES " + values(rows, timestampType);
    }

    private static String insertOverwrite(String table, List<String[]> rows, String timestampType) {
        return "INSERT OVERWRITE TABLE " + table + " VALUES " + values(rows, timestampType);
    }

    private static String values(List<String[]> rows, String timestampType) {
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            List<String> cells = new ArrayList<>();
            for (String v : r) {
                if (v == null) {
                    cells.add("NULL");
                } else if (v.matches("-?[0-9]+(\\.[0-9]+)?")) {
                    cells.add(v.contains(".") ? "CAST(" + v + " AS DECIMAL(38,9))" : v);
                } else if (v.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
                    cells.add(timestampType + " '" + v.replace('T', ' ').replace("Z", "+00:00") + "'");
                } else {
                    cells.add("'" + v + "'");
                }
            }
            out.add("(" + String.join(", ", cells) + ")");
        }
        return String.join(", ", out);
    }

    private static Map<String, GoogleSqlEngine.RawRows> rawRows(List<String[]> payments) {
        Map<String, GoogleSqlEngine.RawRows> rows = new LinkedHashMap<>();
        rows.put("accounts", new GoogleSqlEngine.RawRows(ACCOUNT_COLUMNS, ACCOUNTS));
        rows.put("payments", new GoogleSqlEngine.RawRows(PAYMENT_COLUMNS, payments));
        return rows;
    }

    private static List<String[]> replaceFirst(List<String[]> rows, String[] first) {
        List<String[]> out = new ArrayList<>(rows);
        out.set(0, first);
        return out;
    }

    private static String[] row(String... values) {
        return values;
    }
}
