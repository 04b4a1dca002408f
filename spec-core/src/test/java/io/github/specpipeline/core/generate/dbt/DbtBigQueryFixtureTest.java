package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.engine.bigquery.BigQueryEngine;
import io.github.specpipeline.core.engine.bigquery.BigQueryException;
import io.github.specpipeline.core.generate.GenerateGoldenTest;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What BigQuery reads from the fixtures dbt-bigquery renders from the generated unit tests, without a BigQuery
 * connection. A unit test's string value becomes, in dbt's {@code format_row} (the macro {@code get_fixture_sql} and
 * {@code get_expected_sql} call for every row), {@code safe_cast('''<value>''' as STRING)}: dbt-bigquery's
 * {@code string_literal} is a triple-quoted literal and its {@code escape_single_quotes} puts a backslash before each
 * quote, nothing more. BigQuery's literals read backslash escapes, and GoogleSQL reads a carriage return in a
 * literal as a line feed (dbt's Jinja already turns CR LF in the YAML into LF), so the generator writes a backslash
 * doubled and a carriage return as its escape.
 *
 * <p>The generated project (dbt-bigquery) is parsed; every string of its unit tests' rows, as dbt read them from the
 * YAML (and rendered their Jinja), goes through dbt's own {@code format_row} ({@code dbt run-operation} of a macro
 * added to the copy under test, with an offline token profile: rendering connects to nothing); GoogleSQL evaluates
 * each literal, and the values are the spec's strings exactly (compared as JSON, so a lost carriage return shows).
 * Not run: the unit test itself, which needs BigQuery (dbt reads the input columns' types from the warehouse).
 */
class DbtBigQueryFixtureTest {
    static final Path STRINGS =
            Path.of("src/test/resources/dbt/fixture-strings").toAbsolutePath();

    /** The Python process of the class's dbt commands. */
    @RegisterExtension
    static final DbtSessions DBT = DbtSessions.duckDb();

    /** JSON for dbt's {@code --args} (read as YAML): non-ASCII escaped, which YAML's double-quoted scalars read. */
    private static final ObjectMapper ARGS =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final String MARK = "FIXTURE_LITERALS ";

    /** dbt's own fixture formatting of each string, as a STRING column of the fixture. */
    private static final String MACRO = """
            {% macro spec_pipeline_fixture_literals(values) %}
            {%- set out = [] -%}
            {%- for v in values -%}
            {%- do out.append(format_row({'v': v}, {'v': 'STRING'})['v']) -%}
            {%- endfor -%}
            {{ log('FIXTURE_LITERALS ' ~ tojson(out), info=True) }}
            {% endmacro %}
            """;

    /** dbt-bigquery without credentials to look up: a token it never uses, since nothing runs a query. */
    private static final String OFFLINE_PROFILE = """
            spec_pipeline:
              target: dev
              outputs:
                dev:
                  type: bigquery
                  method: oauth-secrets
                  token: "offline"
                  project: "offline-project"
                  dataset: "raw"
                  threads: 1
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fixture-strings", "hostile"})
    void everyFixtureStringIsTheSpecsValueOnGoogleSql(String name) throws Exception {
        Path dir =
                name.equals("hostile") ? GenerateGoldenTest.ROOT.resolve(name).toAbsolutePath() : STRINGS;
        Path ddl = dir.resolve("source_ddl");
        SpecInput input = new SpecInput(dir.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, dir);
        DbtProject dbt = DbtProject.generate(
                DBT.session(), input, null, tmp.resolve("out"), DbtAdapter.BIGQUERY, EnumSet.of(Target.DBT));
        Files.writeString(dbt.dir().resolve("profiles.yml"), OFFLINE_PROFILE, StandardCharsets.UTF_8);
        Files.writeString(
                dbt.dir().resolve("macros/spec_pipeline_fixture_literals.sql"), MACRO, StandardCharsets.UTF_8);
        DbtProject.Run parse = dbt.dbt("parse");
        assertThat(parse.exit()).as(parse.log()).isZero();

        List<String> read = new ArrayList<>();
        dbt.manifest().path("unit_tests").forEach(u -> {
            u.path("given").forEach(g -> strings(g.path("rows"), read));
            strings(u.path("expect").path("rows"), read);
        });
        List<String> written = specStrings(SpecLoader.load(input).spec().orElseThrow());
        assertThat(written).as("the spec's unit test strings").isNotEmpty();
        assertThat(read).as("the strings of the unit tests dbt read").hasSameSizeAs(written);

        String args = ARGS.writeValueAsString(Map.of("values", read));
        DbtProject.Run render = dbt.dbt("run-operation", "spec_pipeline_fixture_literals", "--args", args);
        assertThat(render.exit()).as(render.log()).isZero();
        List<String> literals = literals(render.log());
        assertThat(literals).hasSameSizeAs(read);

        List<String> values = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (BigQueryEngine engine = BigQueryEngine.start(SourceCatalog.empty())) {
            for (String literal : literals) {
                try {
                    values.add(engine.query("SELECT " + literal + " AS v")
                            .rows()
                            .get(0)
                            .get(0));
                } catch (BigQueryException e) {
                    rejected.add(show(literal) + ": " + e.getMessage());
                }
            }
        }
        assertThat(rejected).as("fixture literals GoogleSQL rejects").isEmpty();
        // the literals of dbt's fixtures (given and expected rows) hold exactly the spec's values
        assertThat(values.stream().map(DbtBigQueryFixtureTest::show).toList())
                .containsExactlyInAnyOrderElementsOf(
                        written.stream().map(DbtBigQueryFixtureTest::show).toList());
    }

    /** The string values of every unit test dbt gets (an SCD2 model has none: it is a snapshot). */
    private static List<String> specStrings(ValidatedSpec spec) {
        List<String> out = new ArrayList<>();
        for (Model m : spec.spec().models()) {
            if (m.constraints().isScd2()) {
                continue;
            }
            for (UnitTest u : m.unitTests()) {
                u.given().forEach(g -> g.rows().forEach(r -> strings(r, out)));
                u.expect().forEach(r -> strings(r, out));
            }
        }
        return out;
    }

    private static void strings(Map<String, Literal> row, List<String> out) {
        row.values().stream().filter(l -> l.kind() == Literal.Kind.STRING).forEach(l -> out.add(l.text()));
    }

    private static void strings(JsonNode rows, List<String> out) {
        rows.forEach(r -> r.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.add(e.getValue().asText());
            }
        }));
    }

    /** The SQL expressions the macro logged, in the order of its values. */
    private static List<String> literals(String log) throws Exception {
        for (String line : log.split("\n")) {
            int at = line.indexOf(MARK);
            if (at >= 0) {
                JsonNode list = DbtProject.JSON.readTree(line.substring(at + MARK.length()));
                List<String> out = new ArrayList<>();
                list.forEach(n -> out.add(n.asText()));
                return out;
            }
        }
        throw new AssertionError("dbt logged no " + MARK.strip() + " line:\n" + log);
    }

    private static String show(String value) {
        return DbtProject.JSON.valueToTree(value).toString();
    }
}
