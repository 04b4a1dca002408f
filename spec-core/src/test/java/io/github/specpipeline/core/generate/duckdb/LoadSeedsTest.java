package io.github.specpipeline.core.generate.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.testrun.DuckDbSession;
import io.github.specpipeline.core.testrun.RawTable;
import io.github.specpipeline.core.testrun.SeedLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated DuckDB SQL runs by hand as the docs say: from the project directory, create_raw_tables.sql, then
 * load_seeds.sql, then run.sql. The models it builds hold exactly the rows the test goal builds from the same seeds
 * (its own CSV reader and loader), and every data test query returns no rows, as in the test goal.
 */
class LoadSeedsTest {
    static final Path PROJECT = ExampleDb.DIR;

    @Test
    void theScriptsBuildTheRowsTheTestGoalBuilds(@TempDir Path out) throws Exception {
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                        new SpecInput(PROJECT.resolve("spec.json"), PROJECT.resolve("source_ddl"), PROJECT)
                                .withTargets(EnumSet.of(Target.DUCKDB)),
                        out,
                        PROJECT.resolve("seeds")),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary()).isFalse();
        Path sql = out.resolve("sql/duckdb");
        ValidatedSpec spec = ExampleDb.spec();
        DuckDbPlan plan = new DuckDbGenerator().plan(spec);

        Map<String, List<List<Object>>> byHand;
        try (DuckDbSession db = DuckDbSession.open()) {
            // what `cd <project> && duckdb < file` does: relative paths are read from the project directory
            db.execute("SET file_search_path = '"
                    + PROJECT.toAbsolutePath().toString().replace("'", "''") + "'");
            for (String file : List.of("create_raw_tables.sql", "load_seeds.sql", "run.sql")) {
                db.execute(Files.readString(sql.resolve(file)));
            }
            byHand = contents(db, plan);
            for (DataTestQuery t : plan.tests()) {
                String query = Files.readString(sql.resolve("tests/" + t.id() + ".sql"));
                assertThat(db.rows(query.strip().replaceAll(";$", "")).rows())
                        .as(t.id())
                        .isEmpty();
            }
        }

        Map<String, List<List<Object>>> byTestGoal;
        try (DuckDbSession db = DuckDbSession.open()) {
            for (String s : plan.setupStatements()) {
                db.execute(s);
            }
            db.execute(Files.readString(sql.resolve("create_raw_tables.sql")));
            Map<String, RawTable> raw = RawTable.resolve(spec, plan);
            SeedLoader.Result seeds = SeedLoader.read(PROJECT.resolve("seeds"), raw, Path::toString, db);
            assertThat(seeds.problems()).isEmpty();
            assertThat(seeds.seeds()).hasSize(6);
            SeedLoader.load(seeds, db);
            for (DuckDbPlan.ModelBuild b : plan.models()) {
                for (String s : b.statements()) {
                    db.execute(s);
                }
            }
            byTestGoal = contents(db, plan);
        }
        assertThat(byHand.keySet()).containsExactlyElementsOf(byTestGoal.keySet());
        for (String model : byTestGoal.keySet()) {
            assertThat(byHand.get(model)).as(model + " has rows").isNotEmpty();
            if (!model.contains("dim_customers")) { // SCD2: valid from the run's time, which differs
                assertThat(byHand.get(model)).as(model).isEqualTo(byTestGoal.get(model));
            } else {
                assertThat(byHand.get(model)).as(model).hasSameSizeAs(byTestGoal.get(model));
            }
        }
        // and the raw tables hold every seed row
        try (DuckDbSession db = DuckDbSession.open()) {
            db.execute("SET file_search_path = '"
                    + PROJECT.toAbsolutePath().toString().replace("'", "''") + "'");
            db.execute(Files.readString(sql.resolve("create_raw_tables.sql")));
            db.execute(Files.readString(sql.resolve("load_seeds.sql")));
            for (String table : plan.rawTables().keySet()) {
                long lines = Files.readAllLines(PROJECT.resolve("seeds/" + table + ".csv")).stream()
                                .filter(l -> !l.isBlank())
                                .count()
                        - 1;
                assertThat(db.rows("SELECT COUNT(*) FROM " + plan.rawTables().get(table))
                                .rows()
                                .get(0)
                                .get(0))
                        .as(table)
                        .isEqualTo(lines);
            }
        }
    }

    /** Every model's rows, sorted, by model. */
    private static Map<String, List<List<Object>>> contents(DuckDbSession db, DuckDbPlan plan) throws Exception {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        for (DuckDbPlan.ModelBuild b : plan.models()) {
            List<List<Object>> rows = new ArrayList<>(db.rows("SELECT * FROM " + b.qualifiedName() + " ORDER BY ALL")
                    .rows());
            out.put(b.model(), rows);
        }
        return out;
    }
}
