package io.github.specpipeline.core.engine.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.generate.GenerateGoldenTest;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every BigQuery statement the Dataform and dbt targets ship, as those tools render them, analyzed by GoogleSQL
 * (BigQuery's front end) against a catalog of the source DDL plus each model's output table, built in dependency
 * order: the actions and their built-in assertions, the assertion files, the incremental runs (the incremental
 * select, Dataform's merge or insert, the post-operations) for Dataform ({@link DataformAsCompiled}); the models,
 * snapshots, generic and singular tests and incremental merges for dbt ({@link DbtAsCompiled}). A failure names
 * the file, the statement and GoogleSQL's message with its line:column.
 *
 * <p>Specs: the example project itself ({@link #EXAMPLE}: its incremental fact and staging model, its dedup, its
 * named expressions), the earlier copy of the example under the generate goldens, the incremental and union specs,
 * the hostile spec (reserved and odd names everywhere) and {@code customer360-shaped} (the
 * constructs of the shared upstream fixture: joins, filters, pivots with CASE aggregations, an SCD2 dimension,
 * a partitioned and clustered fact, reserved staging schema {@code temp}).
 */
public class GeneratedStatementsTest {
    /** The example project's spec directory, relative to {@link GenerateGoldenTest#ROOT}. */
    public static final String EXAMPLE = "../../../../../examples/shop-analytics/src/main/spec";

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private int analyzed;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {EXAMPLE, "shop-analytics", "hostile", "customer360-shaped", "incremental", "union"})
    void everyDataformStatementIsValidBigQuery(String name) throws Exception {
        ValidatedSpec spec = load(name);
        Map<String, String> files = prefixed(GenerateGoldenTest.generate(name, dir.resolve("out")), "dataform/");
        DataformAsCompiled dataform = new DataformAsCompiled(files);
        try (BigQueryEngine engine = BigQueryEngine.start(spec.sourceCatalog().orElseThrow())) {
            for (Model m : spec.graph().order()) {
                DataformAsCompiled.Sqlx a = dataform.action(m.name());
                String target = a.target();
                String file = "dataform/" + a.file();
                String query = dataform.resolve(file, a.body(), target, false);
                check(
                        engine,
                        new Statement(
                                file,
                                "create " + a.type(),
                                DataformAsCompiled.createOrReplace(
                                        a.type(), target, a.config().path("bigquery"), query)));
                List<TableColumn> columns = register(engine, new Statement(file, "select", query), target);
                if (columns == null) {
                    continue;
                }
                if (!a.postOperations().isEmpty()) {
                    check(
                            engine,
                            new Statement(
                                    file,
                                    "post_operations",
                                    dataform.resolve(file, a.postOperations(), target, false)));
                }
                if (a.type().equals("incremental")) {
                    String incremental = dataform.resolve(file, a.body(), target, true);
                    check(engine, new Statement(file, "incremental select", incremental));
                    List<String> uniqueKey = texts(a.config().path("uniqueKey"));
                    List<String> names = columns.stream().map(TableColumn::name).toList();
                    check(
                            engine,
                            uniqueKey.isEmpty()
                                    ? new Statement(
                                            file,
                                            "incremental insert",
                                            DataformAsCompiled.insertInto(target, names, incremental))
                                    : new Statement(
                                            file,
                                            "incremental merge",
                                            DataformAsCompiled.mergeInto(target, names, incremental, uniqueKey)));
                    if (!a.postOperations().isEmpty()) {
                        check(
                                engine,
                                new Statement(
                                        file,
                                        "incremental post_operations",
                                        dataform.resolve(file, a.postOperations(), target, true)));
                    }
                }
                JsonNode assertions = a.config().path("assertions");
                String ref = "`" + target + "`";
                int k = 0;
                for (JsonNode key : assertions.path("uniqueKeys")) {
                    check(
                            engine,
                            new Statement(
                                    file,
                                    "assertion uniqueKeys[" + k++ + "]",
                                    DataformAsCompiled.indexAssertion(ref, texts(key))));
                }
                List<String> rowConditions = texts(assertions.path("rowConditions"));
                texts(assertions.path("nonNull")).forEach(c -> rowConditions.add(c + " IS NOT NULL"));
                if (!rowConditions.isEmpty()) {
                    check(
                            engine,
                            new Statement(
                                    file,
                                    "assertion rowConditions",
                                    DataformAsCompiled.rowConditionsAssertion(ref, rowConditions)));
                }
            }
            for (DataformAsCompiled.Sqlx a : dataform.assertionFiles()) {
                String file = "dataform/" + a.file();
                check(engine, new Statement(file, "assertion", dataform.resolve(file, a.body(), "?", false)));
            }
        }
        summary("Dataform", name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {EXAMPLE, "shop-analytics", "hostile", "customer360-shaped", "incremental", "union"})
    void everyDbtStatementIsValidBigQuery(String name) throws Exception {
        ValidatedSpec spec = load(name);
        Map<String, String> files = prefixed(GenerateGoldenTest.generate(name, dir.resolve("out")), "dbt/");
        Map<String, String> tables = new LinkedHashMap<>();
        for (Model m : spec.spec().models()) {
            tables.put(m.name(), spec.spec().schema().of(m.layer()) + "." + m.name());
        }
        DbtAsCompiled dbt = new DbtAsCompiled(files, tables);
        try (BigQueryEngine engine = BigQueryEngine.start(spec.sourceCatalog().orElseThrow())) {
            for (Model m : spec.graph().order()) {
                String file = "dbt/models/" + m.layer().id() + "/" + m.name() + ".sql";
                String text = dbt.file(file.substring("dbt/".length()));
                for (DbtAsCompiled.Snapshot s : dbt.snapshotsReadBy(text)) {
                    String snapFile = "dbt/" + s.file();
                    String select = dbt.render(snapFile, s.select(), false);
                    String table = s.schema() + "." + s.name();
                    List<TableColumn> columns =
                            register(engine, new Statement(snapFile, "snapshot select", select), table);
                    check(
                            engine,
                            new Statement(snapFile, "snapshot first run", DbtAsCompiled.snapshotFirstRun(s, select)));
                    if (columns != null) {
                        // the snapshot table: the select's columns and dbt's meta columns
                        List<TableColumn> stored = new ArrayList<>(columns);
                        stored.add(TableColumn.of("dbt_scd_id", "STRING"));
                        stored.add(TableColumn.of("dbt_updated_at", "TIMESTAMP"));
                        stored.add(TableColumn.of("dbt_valid_from", "TIMESTAMP"));
                        stored.add(TableColumn.of("dbt_valid_to", "TIMESTAMP"));
                        engine.createTable(table, stored, List.of());
                        check(
                                engine,
                                new Statement(snapFile, "snapshot changes", DbtAsCompiled.snapshotChanges(s, select)));
                    }
                }
                DbtAsCompiled.ModelYaml yaml = dbt.model(m.name());
                String target = tables.get(m.name());
                String sql = dbt.render(file, text, false);
                check(
                        engine,
                        new Statement(file, "create " + yaml.materialized(), DbtAsCompiled.create(target, yaml, sql)));
                List<TableColumn> columns = register(engine, new Statement(file, "select", sql), target);
                if (columns == null) {
                    continue;
                }
                if (yaml.materialized().equals("incremental")) {
                    String incremental = dbt.render(file, text, true);
                    check(
                            engine,
                            new Statement(
                                    file,
                                    "incremental merge",
                                    DbtAsCompiled.merge(
                                            target,
                                            columns.stream()
                                                    .map(TableColumn::name)
                                                    .toList(),
                                            incremental,
                                            texts(yaml.node().path("config").path("unique_key")))));
                }
                for (JsonNode column : yaml.node().path("columns")) {
                    for (JsonNode test : column.path("data_tests")) {
                        String schemaFile = "dbt/models/" + m.layer().id() + "/schema.yml";
                        String testSql = dbt.genericTest(schemaFile, m.name(), column, test);
                        assertThat(testSql)
                                .as("a generic test the analysis knows: " + test)
                                .isNotNull();
                        check(
                                engine,
                                new Statement(
                                        schemaFile,
                                        m.name() + "." + column.path("name").asText() + " " + test,
                                        testSql));
                    }
                }
            }
            for (String test : dbt.singularTests()) {
                check(engine, new Statement("dbt/" + test, "singular test", dbt.render(test, dbt.file(test), false)));
            }
        }
        summary("dbt", name);
    }

    private void summary(String target, String spec) {
        System.out.println("GoogleSQL analyzed " + analyzed + " " + target + " statements of " + spec + ", rejected "
                + failures.size());
        assertThat(failures).as("statements GoogleSQL rejects").isEmpty();
        assertThat(analyzed).as("statements analyzed").isGreaterThan(10);
    }

    private ValidatedSpec load(String name) {
        Path d = GenerateGoldenTest.ROOT.resolve(name);
        Path ddl = d.resolve("source_ddl");
        return SpecLoader.load(new SpecInput(d.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, d))
                .spec()
                .orElseThrow();
    }

    /** The files of one target, named relative to its folder. */
    private static Map<String, String> prefixed(Map<String, String> files, String prefix) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        assertThat(out).as("files under " + prefix).isNotEmpty();
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isTextual()) {
            out.add(array.asText());
        }
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private void check(BigQueryEngine engine, Statement s) {
        analyzed++;
        if (engine.analyze(s.sql()) instanceof Analysis.Failed f) {
            failures.add(s.describe(f.error().toString()));
        }
    }

    /** Analyzes a model's query and adds its result as the table {@code target}; null (and a failure) if rejected. */
    private List<TableColumn> register(BigQueryEngine engine, Statement s, String target) throws BigQueryException {
        analyzed++;
        Analysis a = engine.analyze(s.sql());
        if (a instanceof Analysis.Ok ok) {
            engine.createTable(target, ok.columns(), List.of());
            return ok.columns();
        }
        failures.add(s.describe(((Analysis.Failed) a).error().toString()));
        return null;
    }
}
