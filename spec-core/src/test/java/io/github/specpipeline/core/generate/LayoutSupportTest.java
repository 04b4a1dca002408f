package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.generate.dataform.DataformGenerator;
import io.github.specpipeline.core.generate.dbt.DbtGenerator;
import io.github.specpipeline.core.generate.pyspark.PySparkGenerator;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitioning and clustering are plan data ({@code TableLayout}) that each target renders or, when it cannot, that
 * validation reports for the selected targets (SP218): never dropped silently. One table of models and targets.
 */
class LayoutSupportTest {
    private static final String SPEC = """
            {
              "version": "1",
              "schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
              "models": [
                %s
              ]
            }
            """;
    private static final String DDL = """
            CREATE TABLE `raw.events` (
              id INT64 NOT NULL,
              created_at TIMESTAMP,
              event_date DATE
            );
            """;

    /** A model of {@code raw.events} with the three columns, the materialization and the constraints given. */
    private static String model(String name, String materialization, String constraints) {
        return """
                {"name": "%s", "layer": "staging", "materialization": "%s", "sources": ["raw.events"],
                 "column_mapping": [
                   {"target_column": "id", "type": "INT64", "from_table": "events", "from_column": "id"},
                   {"target_column": "created_at", "type": "TIMESTAMP", "from_table": "events", "from_column": "created_at"},
                   {"target_column": "event_date", "type": "DATE", "from_table": "events", "from_column": "event_date"}
                 ],
                 "constraints": %s}
                """.formatted(name, materialization, constraints);
    }

    private static final String MODELS = String.join(
            ",\n",
            model("by_day", "table", "{\"partition_by\": \"DATE(created_at)\", \"cluster_by\": \"id\"}"),
            model("by_date", "table", "{\"partition_by\": \"event_date\"}"),
            model("by_month", "table", "{\"partition_by\": \"DATE_TRUNC(event_date, MONTH)\"}"),
            model("by_int", "table", "{\"partition_by\": \"id\"}"),
            model("clustered_view", "view", "{\"cluster_by\": \"id\"}"));

    /** Per model: the targets that write its partitioning, and those that write its clustering. */
    private record Row(String model, Set<Target> partitions, Set<Target> clusters) {}

    /** The targets that run in production, where a layout matters (all but the local DuckDB one). */
    private static final int PRODUCTION_TARGETS = Target.values().length - 1;

    private static final List<Row> TABLE = List.of(
            new Row(
                    "by_day",
                    EnumSet.of(Target.DATAFORM, Target.DBT), // Spark would need a derived day column of a TIMESTAMP
                    EnumSet.of(Target.DATAFORM, Target.DBT)),
            new Row("by_date", EnumSet.of(Target.DATAFORM, Target.DBT, Target.PYSPARK), EnumSet.noneOf(Target.class)),
            new Row("by_month", EnumSet.of(Target.DATAFORM, Target.DBT), EnumSet.noneOf(Target.class)),
            new Row("by_int", EnumSet.of(Target.DATAFORM, Target.PYSPARK), EnumSet.noneOf(Target.class)),
            new Row("clustered_view", EnumSet.noneOf(Target.class), EnumSet.noneOf(Target.class)));

    private static Path write(Path dir) throws Exception {
        Files.writeString(dir.resolve("spec.json"), SPEC.formatted(MODELS));
        Files.createDirectories(dir.resolve("ddl"));
        Files.writeString(dir.resolve("ddl/events.sql"), DDL);
        return dir.resolve("spec.json");
    }

    private static SpecLoader.Result load(Path dir, Set<Target> targets) throws Exception {
        Path spec = write(dir);
        return SpecLoader.load(new SpecInput(spec, dir.resolve("ddl"), dir).withTargets(targets));
    }

    @Test
    void eachTargetWritesWhatItCanAndValidationReportsTheRest(@TempDir Path dir) throws Exception {
        SpecLoader.Result r = load(dir, EnumSet.allOf(Target.class));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        ValidatedSpec spec = r.spec().orElseThrow();
        List<Diagnostic> sp218 = r.diagnostics().stream()
                .filter(d -> d.code() == DiagnosticCode.SP218)
                .toList();
        for (Row row : TABLE) {
            ModelPlan plan = ModelPlanner.planOrThrow(
                    spec, spec.spec().model(row.model()).orElseThrow());
            for (Target t : Target.values()) {
                assertThat(LayoutSupport.partitions(t, plan))
                        .as("%s partitions %s", t, row.model())
                        .isEqualTo(row.partitions().contains(t));
                assertThat(LayoutSupport.clusters(t, plan))
                        .as("%s clusters %s", t, row.model())
                        .isEqualTo(row.clusters().contains(t));
            }
            boolean partitioned = plan.layout().partitionBy() != null;
            boolean clustered = !plan.layout().clusterBy().isEmpty();
            assertThat(sp218.stream()
                            .filter(d -> d.pointer().endsWith("/constraints/partition_by"))
                            .filter(d -> d.message().startsWith("model '" + row.model() + "'")))
                    .as("SP218 on the partitioning of %s", row.model())
                    .hasSize(partitioned && row.partitions().size() < PRODUCTION_TARGETS ? 1 : 0);
            assertThat(sp218.stream()
                            .filter(d -> d.pointer().endsWith("/constraints/cluster_by"))
                            .filter(d -> d.message().startsWith("model '" + row.model() + "'")))
                    .as("SP218 on the clustering of %s", row.model())
                    .hasSize(clustered && row.clusters().size() < PRODUCTION_TARGETS ? 1 : 0);
        }
        assertThat(sp218)
                .extracting(Diagnostic::message)
                .contains(
                        "model 'by_day': partition_by 'DATE(created_at)' is not written for pyspark (partitionBy"
                                + " takes a column's own values only)",
                        "model 'by_int': partition_by 'id' is not written for dbt (partition_by takes a DATE,"
                                + " TIMESTAMP or DATETIME column, and id is INT64)",
                        "model 'clustered_view': cluster_by id is not written for dataform (a view is neither"
                                + " partitioned nor clustered); dbt (a view is neither partitioned nor clustered);"
                                + " pyspark (no clustering without a bucket count)");
        // the local DuckDB target has no physical layout and loses nothing by it: never reported
        assertThat(sp218).extracting(Diagnostic::message).noneMatch(m -> m.contains("duckdb"));

        // what LayoutSupport says is written is in the files
        List<GeneratedFile> dbt = new DbtGenerator().files(spec);
        String schema = file(dbt, "models/staging/schema.yml");
        assertThat(schema)
                .contains("      partition_by:\n        field: \"created_at\"\n        data_type: \"timestamp\"\n"
                        + "        granularity: \"day\"\n      cluster_by: [\"id\"]\n")
                .contains("      partition_by:\n        field: \"event_date\"\n        data_type: \"date\"\n"
                        + "        granularity: \"month\"\n");
        assertThat(schema.split("partition_by:", -1)).hasSize(4); // by_day, by_date, by_month
        List<GeneratedFile> dataform = new DataformGenerator().files(spec);
        assertThat(file(dataform, "definitions/staging/by_int.sqlx")).contains("partitionBy: \"id\"");
        assertThat(file(dataform, "definitions/staging/clustered_view.sqlx")).doesNotContain("clusterBy");
        String runAll = file(new PySparkGenerator().files(spec), "run_all.py");
        assertThat(runAll)
                .contains("(\"by_day\", \"staging.by_day\", None)")
                .contains("(\"by_date\", \"staging.by_date\", \"event_date\")")
                .contains("(\"by_month\", \"staging.by_month\", None)")
                .contains("(\"by_int\", \"staging.by_int\", \"id\")");
    }

    @Test
    void onlyTheSelectedTargetsAreReported(@TempDir Path dir) throws Exception {
        SpecLoader.Result r = load(dir, EnumSet.of(Target.DATAFORM));
        assertThat(r.diagnostics())
                .filteredOn(d -> d.code() == DiagnosticCode.SP218)
                .extracting(Diagnostic::message)
                .containsExactly("model 'clustered_view': cluster_by id is not written for dataform (a view is neither"
                        + " partitioned nor clustered)");
    }

    private static String file(List<GeneratedFile> files, String path) {
        return files.stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path))
                .content();
    }
}
