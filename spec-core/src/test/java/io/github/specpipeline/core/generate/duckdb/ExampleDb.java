package io.github.specpipeline.core.generate.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.sql.dialect.DuckDbRules;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The example project's spec (a copy in the test resources), its plan, and a DuckDB loaded with its seeds. */
final class ExampleDb {
    static final Path DIR = Path.of("src/test/resources/generate/shop-analytics");

    private ExampleDb() {}

    static ValidatedSpec spec() {
        SpecLoader.Result r = SpecLoader.load(new SpecInput(DIR.resolve("spec.json"), DIR.resolve("source_ddl"), DIR));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        return r.spec().orElseThrow();
    }

    /** A fresh database: setup run, raw tables created from the DDL and loaded from the seed CSVs. */
    static Duck seeded(ValidatedSpec spec, DuckDbPlan plan) throws Exception {
        Duck duck = new Duck();
        for (String s : plan.setupStatements()) {
            duck.exec(s);
        }
        for (Map.Entry<String, String> raw : plan.rawTables().entrySet()) {
            SourceTable t = spec.sourceCatalog()
                    .orElseThrow()
                    .table("raw", raw.getKey())
                    .orElseThrow();
            List<String> cols = new ArrayList<>();
            for (SourceColumn c : t.columns()) {
                cols.add("\"" + c.name() + "\" " + DuckDbRules.columnType(c.type()));
            }
            duck.exec("CREATE TABLE " + raw.getValue() + " (" + String.join(", ", cols) + ")");
            Path csv = DIR.resolve("seeds/" + raw.getKey() + ".csv").toAbsolutePath();
            duck.exec("COPY " + raw.getValue() + " FROM '" + csv.toString().replace("'", "''") + "' (HEADER true)");
        }
        return duck;
    }

    /** Runs every model's statements in plan order. */
    static void build(Duck duck, DuckDbPlan plan) throws Exception {
        for (DuckDbPlan.ModelBuild b : plan.models()) {
            for (String s : b.statements()) {
                duck.exec(s);
            }
        }
    }
}
