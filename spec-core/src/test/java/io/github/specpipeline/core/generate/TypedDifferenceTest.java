package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
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
 * A difference between engines that only the operands' types reveal: {@code amount / rate} of two NUMERIC columns is
 * a NUMERIC, exact to 9 decimals, in BigQuery and a DOUBLE in DuckDB (issue 16: the example's
 * {@code discount_rate} differed on random data with no finding). The fragments' text carries no types, so the
 * translation check renders the plan's SELECT items with the sources' types as well.
 */
class TypedDifferenceTest {
    static final Path DDL = Path.of("src/test/resources/validation/ddl");

    private static final String SPEC = """
            {
              "version": "1",
              "schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
              "models": [
                {
                  "name": "stg_orders",
                  "layer": "staging",
                  "sources": ["raw.orders", "raw.fx"],
                  "column_mapping": [
                    {"target_column": "order_id", "type": "INT64", "from_table": "orders", "from_column": "order_id"},
                    {"target_column": "in_fx", "type": "NUMERIC", "from_table": "orders", "from_column": "amount",
                     "transform": "{from} / fx.rate"},
                    {"target_column": "half", "type": "FLOAT64", "from_table": "orders", "from_column": "order_id",
                     "transform": "{from} / 2"}
                  ],
                  "joins": [{"left_table": "orders", "right_table": "fx", "type": "left",
                             "condition": "orders.currency = fx.currency"}]
                }
              ]
            }
            """;

    @Test
    void aNumericQuotientIsReportedWhereTheTypesShowIt(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, SPEC, StandardCharsets.UTF_8);

        List<Diagnostic> found = SpecLoader.load(new SpecInput(spec, DDL, dir)).diagnostics();

        List<Diagnostic> quotients =
                found.stream().filter(d -> d.code() == DiagnosticCode.SP241).toList();
        assertThat(quotients).as("%s", found).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("transform of 'in_fx'").contains("/ on DuckDB can differ from BigQuery");
            assertThat(d.pointer()).isEqualTo("/models/0/column_mapping/1/transform");
            // located at the operator inside the string
            List<String> lines = SPEC.lines().toList();
            int line = 0;
            while (!lines.get(line).contains("{from} / fx.rate")) {
                line++;
            }
            assertThat(d.line()).isEqualTo(line + 1);
            assertThat(d.column()).isEqualTo(lines.get(line).indexOf("/ fx.rate") + 1);
        });
    }
}
