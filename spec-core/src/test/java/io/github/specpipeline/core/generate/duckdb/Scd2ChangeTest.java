package io.github.specpipeline.core.generate.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.dataform.DataformGenerator;
import io.github.specpipeline.core.generate.dbt.DbtGenerator;
import io.github.specpipeline.core.generate.pyspark.PySparkGenerator;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SCD2 change and close predicates of {@link Scd2Plan} as the DuckDB script runs them: a tracked value that
 * becomes NULL, or stops being NULL, starts a new version; an unchanged row with NULLs starts none; and every select
 * column is tracked, including the group keys of an aggregating model without {@code column_mapping} (the DuckDB
 * script and the dbt snapshot used to track only the mapped and aggregated columns there, unlike Dataform and
 * PySpark, so a changed group key started no version).
 */
class Scd2ChangeTest {
    private static final String SPEC = """
            {
              "version": "1",
              "schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
              "models": [
                {
                  "name": "dim_customers", "layer": "final", "sources": ["raw.customers"],
                  "constraints": {"scd_type": 2, "natural_key": "customer_id", "effective_at": "valid_from",
                                  "expiry_at": "valid_to", "current_flag": "is_current"}
                },
                {
                  "name": "dim_customer_country", "layer": "final", "sources": ["raw.customers"],
                  "group_by": ["customer_id", "country"],
                  "aggregations": [{"metric_column": "accounts", "type": "INT64", "formula": "COUNT(*)"}],
                  "constraints": {"scd_type": 2, "natural_key": "customer_id", "effective_at": "valid_from",
                                  "expiry_at": "valid_to", "current_flag": "is_current"}
                }
              ]
            }
            """;
    private static final String DDL = """
            CREATE TABLE `raw.customers` (
              customer_id INT64 NOT NULL,
              email STRING,
              country STRING
            );
            """;

    private static ValidatedSpec spec(Path dir) throws Exception {
        Files.writeString(dir.resolve("spec.json"), SPEC);
        Files.createDirectories(dir.resolve("ddl"));
        Files.writeString(dir.resolve("ddl/customers.sql"), DDL);
        SpecLoader.Result r = SpecLoader.load(new SpecInput(dir.resolve("spec.json"), dir.resolve("ddl"), dir));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        return r.spec().orElseThrow();
    }

    private static void run(Duck duck, DuckDbPlan plan, String at) throws Exception {
        duck.exec("SET VARIABLE " + DuckDbGenerator.RUN_AT_VARIABLE + " = TIMESTAMPTZ '" + at + "'");
        for (DuckDbPlan.ModelBuild b : plan.models()) {
            for (String s : b.statements()) {
                duck.exec(s);
            }
        }
    }

    @Test
    void everySelectColumnIsTrackedAndComparedNullSafely(@TempDir Path dir) throws Exception {
        ValidatedSpec spec = spec(dir);
        Scd2Plan grouped = ModelPlanner.planOrThrow(
                        spec, spec.spec().model("dim_customer_country").orElseThrow())
                .scd2();
        assertThat(grouped.tracked()).containsExactly("country", "accounts");
        assertThat(grouped.change().columns()).containsExactly("customer_id", "country", "accounts");
        assertThat(grouped.close().columns()).containsExactly("customer_id");

        DuckDbPlan plan = new DuckDbGenerator().plan(spec);
        try (Duck duck = new Duck()) {
            for (String s : plan.setupStatements()) {
                duck.exec(s);
            }
            duck.exec("CREATE TABLE " + plan.rawTables().get("customers")
                    + " (customer_id BIGINT, email VARCHAR, country VARCHAR)");
            duck.exec("INSERT INTO raw.customers VALUES (1, 'a@x', 'DE'), (2, NULL, 'FR'), (3, NULL, NULL)");
            run(duck, plan, "2025-01-01 00:00:00+00");
            // 1: email and country become NULL; 2: email stops being NULL; 3: unchanged, NULLs and all
            duck.exec("UPDATE raw.customers SET email = NULL, country = NULL WHERE customer_id = 1");
            duck.exec("UPDATE raw.customers SET email = 'b@x' WHERE customer_id = 2");
            run(duck, plan, "2025-02-01 00:00:00+00");
            run(duck, plan, "2025-03-01 00:00:00+00"); // nothing changed: no version, not even for the NULLs
            String jan = "2025-01-01T00:00:00Z";
            String feb = "2025-02-01T00:00:00Z";
            assertThat(duck.rows("SELECT customer_id, email, country, valid_from, valid_to, is_current"
                            + " FROM analytics.dim_customers ORDER BY customer_id, valid_from"))
                    .containsExactlyElementsOf(List.of(
                            "1 | a@x | DE | " + jan + " | " + feb + " | false",
                            "1 | NULL | NULL | " + feb + " | NULL | true",
                            "2 | NULL | FR | " + jan + " | " + feb + " | false",
                            "2 | b@x | FR | " + feb + " | NULL | true",
                            "3 | NULL | NULL | " + jan + " | NULL | true"));
            // the group key country is tracked: customer 1's move to no country is a new version
            assertThat(duck.rows("SELECT customer_id, country, accounts, valid_from, valid_to, is_current"
                            + " FROM analytics.dim_customer_country ORDER BY customer_id, valid_from"))
                    .containsExactlyElementsOf(List.of(
                            "1 | DE | 1 | " + jan + " | " + feb + " | false",
                            "1 | NULL | 1 | " + feb + " | NULL | true",
                            "2 | FR | 1 | " + jan + " | NULL | true",
                            "3 | NULL | 1 | " + jan + " | NULL | true"));
        }
    }

    /** The other targets render the same node: the group key is in their change test too. */
    @Test
    void everyTargetTracksTheGroupKey(@TempDir Path dir) throws Exception {
        ValidatedSpec spec = spec(dir);
        String dataform = file(new DataformGenerator().files(spec), "definitions/final/dim_customer_country.sqlx");
        assertThat(dataform)
                .contains("AND current_rows.customer_id IS NOT DISTINCT FROM source_rows.customer_id\n"
                        + "    AND current_rows.country IS NOT DISTINCT FROM source_rows.country\n"
                        + "    AND current_rows.accounts IS NOT DISTINCT FROM source_rows.accounts\n")
                .contains("WHERE newer.customer_id IS NOT DISTINCT FROM old_rows.customer_id\n"
                        + "          AND newer.valid_from > old_rows.valid_from");
        assertThat(file(new DbtGenerator().files(spec), "snapshots/dim_customer_country_history.sql"))
                .contains("unique_key='customer_id', strategy='check', check_cols=['country', 'accounts']");
        assertThat(file(new PySparkGenerator().files(spec), "dim_customer_country.py"))
                .contains("COLUMNS = [\"customer_id\", \"country\", \"accounts\"]\n")
                .contains("NATURAL_KEY = [\"customer_id\"]\n")
                .contains("_same(\"i\", \"c\", COLUMNS), \"left_anti\")");
    }

    private static String file(List<GeneratedFile> files, String path) {
        return files.stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in "
                        + files.stream().map(GeneratedFile::path).toList()))
                .content();
    }
}
