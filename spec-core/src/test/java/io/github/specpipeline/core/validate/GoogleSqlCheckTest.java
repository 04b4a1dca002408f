package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation by BigQuery's analyzer (GoogleSQL, {@link GoogleSqlCheck}) on small specs over the validator's test DDL:
 * what it finds, where it points, that it stays quiet where today's checks already report, and how it falls back.
 */
class GoogleSqlCheckTest {
    static final Path DDL = Path.of("src/test/resources/validation/ddl");

    @TempDir
    Path dir;

    /** One staging model over raw.orders with the given filter predicate and transform. */
    private Path spec(String predicate, String transform) throws IOException {
        return spec(predicate, transform, "STRING");
    }

    private Path spec(String predicate, String transform, String type) throws IOException {
        String json = """
                {
                  "version": "1",
                  "schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
                  "models": [
                    {
                      "name": "stg_orders",
                      "layer": "staging",
                      "sources": ["raw.orders"],
                      "column_mapping": [
                        {"target_column": "order_id", "type": "INT64", "from_table": "orders", "from_column": "order_id"},
                        {"target_column": "label", "type": "%s", "transform": %s}
                      ],
                      "filters": [{"predicate": %s}]
                    }
                  ]
                }
                """.formatted(type, quoted(transform), quoted(predicate));
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, json, StandardCharsets.UTF_8);
        return spec;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
    }

    private static List<Diagnostic> load(SpecInput input) {
        return SpecLoader.load(input).diagnostics();
    }

    private List<Diagnostic> load(Path spec) {
        return load(new SpecInput(spec, DDL, dir));
    }

    private static List<Diagnostic> ofCodes(List<Diagnostic> all, DiagnosticCode... codes) {
        List<DiagnosticCode> wanted = List.of(codes);
        return all.stream().filter(d -> wanted.contains(d.code())).toList();
    }

    /** The case: a window function in a filter validated, and every target got WHERE ROW_NUMBER() ... */
    @Test
    void windowFunctionInFilterIsAnalyzedAsQualifyNotRejected() throws IOException {
        // issue 14: a filter with a window function applies after the windows (QUALIFY), which BigQuery accepts;
        // a window in a join condition is still SP233 (validation case filter_stages)
        String predicate = "amount > 0 AND ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_ts DESC) = 1";
        List<Diagnostic> all = load(spec(predicate, "UPPER(currency)"));
        assertThat(all).noneMatch(d -> d.code().id().startsWith("SP23") || d.isError());
        // and GoogleSQL still checks it there: a type error inside the QUALIFY is found
        List<Diagnostic> wrong = load(spec("ROW_NUMBER() OVER (ORDER BY order_ts) = 'first'", "UPPER(currency)"));
        assertThat(ofCodes(wrong, DiagnosticCode.SP231))
                .singleElement()
                .satisfies(d -> assertThat(d.pointer()).isEqualTo("/models/0/filters/0/predicate"));
    }

    @Test
    void pointsAtTheTokenAfterJsonEscapesAndWideCharacters() throws IOException {
        // a JSON escape (\t) before the error takes two columns, é one; GoogleSQL points at SUBSTR
        Path spec = spec("amount > 0", "CONCAT('\t', 'é', SUBSTR(currency, 'x'))");
        List<Diagnostic> all = load(spec);
        List<Diagnostic> found = ofCodes(all, DiagnosticCode.SP231);
        assertThat(found).as("%s", all).hasSize(1);
        String line = Files.readAllLines(spec).get(found.get(0).line() - 1);
        assertThat(line.substring(found.get(0).column() - 1)).startsWith("SUBSTR(currency, 'x')");
        assertThat(found.get(0).message()).doesNotContain("\n").contains("No matching signature for function SUBSTR");
    }

    @Test
    void unknownFunctionIsOneFindingNotOnePerTarget() throws IOException {
        List<Diagnostic> all = load(spec("amount > 0", "LOWERCASE(currency)"));
        assertThat(ofCodes(all, DiagnosticCode.SP232))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("Function not found: LOWERCASE"));
        assertThat(ofCodes(all, DiagnosticCode.SP304)).isEmpty();
    }

    @Test
    void doesNotRepeatWhatTodaysChecksReport() throws IOException {
        // an unknown column is SP207's, a syntax error SP301's, an aggregate filter in a model without grouping SP219's
        List<Diagnostic> all = load(spec("SUM(amount) > 0", "UPPER(currenci)"));
        assertThat(ofCodes(all, DiagnosticCode.SP207)).hasSize(1);
        assertThat(ofCodes(all, DiagnosticCode.SP219)).hasSize(1);
        assertThat(all).noneMatch(d -> d.code().id().startsWith("SP23"));
        List<Diagnostic> syntax = load(spec("amount >", "UPPER(currency"));
        assertThat(ofCodes(syntax, DiagnosticCode.SP301)).hasSize(2);
        assertThat(syntax).noneMatch(d -> d.code().id().startsWith("SP23"));
    }

    @Test
    void resultTypeThatChangesMeaningIsAWarningNamingBothTypes() throws IOException {
        List<Diagnostic> all = load(spec("amount > 0", "amount * 1.5", "INT64"));
        assertThat(ofCodes(all, DiagnosticCode.SP234)).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.pointer()).isEqualTo("/models/0/column_mapping/1/type");
            assertThat(d.message()).contains("returns NUMERIC").contains("declared INT64");
        });
        // a widening conversion is no finding, nor a text form
        assertThat(ofCodes(load(spec("amount > 0", "order_id + 1", "NUMERIC")), DiagnosticCode.SP234))
                .isEmpty();
        assertThat(ofCodes(load(spec("amount > 0", "amount * 1.5")), DiagnosticCode.SP234))
                .isEmpty();
    }

    @Test
    void switchedOffOnlyTodaysChecksRun() throws IOException {
        Path spec = spec("ROW_NUMBER() OVER (ORDER BY order_ts) = 1", "LOWERCASE(currency)");
        List<Diagnostic> off = load(new SpecInput(spec, DDL, dir).withGoogleSql(false));
        assertThat(off).noneMatch(d -> d.code().id().startsWith("SP23"));
        assertThat(ofCodes(off, DiagnosticCode.SP304)).isNotEmpty();
    }

    @Test
    void withoutTheNativeEngineValidationFallsBackAndSaysSoOnce() throws IOException {
        // a text no other test analyzes, so that no cached analysis spares the engine
        Path spec = spec(
                "ROW_NUMBER() OVER (ORDER BY order_ts) = 1 AND order_id <> 987654321",
                "LOWERCASE(currency) || '987654321'");
        System.setProperty("specpipeline.internal.simulateNoGoogleSql", "true");
        List<Diagnostic> all;
        try {
            all = load(spec);
        } finally {
            System.clearProperty("specpipeline.internal.simulateNoGoogleSql");
        }
        assertThat(ofCodes(all, DiagnosticCode.SP230)).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.INFO);
            assertThat(d.message())
                    .contains("not available")
                    .contains("checked by spec-pipeline's own rules only")
                    .doesNotContain("Exception");
        });
        assertThat(ofCodes(all, DiagnosticCode.SP231, DiagnosticCode.SP232, DiagnosticCode.SP233))
                .isEmpty();
        assertThat(ofCodes(all, DiagnosticCode.SP304)).isNotEmpty(); // today's checks, as without GoogleSQL
    }
}
