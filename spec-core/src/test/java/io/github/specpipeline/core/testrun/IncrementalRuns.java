package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.engine.bigquery.DmlResult;
import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.pyspark.PySparkGenerator;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the run-twice tests of incremental models share: a run of the DuckDB plan, a table's rows as text, the
 * generated PySpark written out, and one incremental run on GoogleSQL by the MERGE's DML clauses.
 */
final class IncrementalRuns {
    private IncrementalRuns() {}

    /** One run of the generated DuckDB script: every model's statements, in plan order. */
    static void runAll(DuckDbSession s, DuckDbPlan plan) throws Exception {
        for (DuckDbPlan.ModelBuild b : plan.models()) {
            for (String sql : b.statements()) {
                s.execute(sql);
            }
        }
    }

    /** {@code query} (with {@code %s} for the table) over {@code model}'s table in the DuckDB plan, as text rows. */
    static List<String> rows(DuckDbSession s, String query, DuckDbPlan plan, String model) throws Exception {
        String table = plan.models().stream()
                .filter(b -> b.model().equals(model))
                .findFirst()
                .orElseThrow()
                .qualifiedName();
        return display(s.rows(query.formatted(table)));
    }

    /** Each row as its values' display text joined by {@code " | "}: the same text for every engine's values. */
    static List<String> display(DuckDbSession.Rows rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> r : rows.rows()) {
            out.add(String.join(" | ", r.stream().map(DuckDbSession::display).toList()));
        }
        return out;
    }

    /** The spec's generated PySpark files under {@code dir}; returns {@code dir}. */
    static Path writePySpark(ValidatedSpec spec, Path dir) throws Exception {
        for (GeneratedFile f : new PySparkGenerator().files(spec)) {
            Path file = dir.resolve(f.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.content(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /**
     * One incremental run on GoogleSQL of the models {@code runs} accepts, in order, by the MERGE's DML clauses
     * ({@link GoogleSqlEngine#runIncrementally}), each statement as "table: n updated, m inserted".
     */
    static List<String> mergeAsDml(GoogleSqlEngine engine, Predicate<DuckDbPlan.ModelBuild> runs) throws Exception {
        List<String> out = new ArrayList<>();
        for (DuckDbPlan.ModelBuild b : engine.models()) {
            if (!runs.test(b)) {
                continue;
            }
            for (DmlResult r : engine.runIncrementally(b)) {
                out.add(r.table() + ": " + r.updated() + " updated, " + r.inserted() + " inserted");
            }
        }
        return out;
    }
}
