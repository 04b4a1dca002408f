package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.SpecReview.ColumnRow;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.html.Html;
import io.github.specpipeline.core.task.SpecInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review shows a fragment that calls named expressions as written and expanded, and lists the spec's and the
 * models' named expressions with where each is called; spec text in them stays text in every format.
 */
class NamedExpressionsReviewTest {

    private static ModelReview model(SpecReview review, String name) {
        return review.model(name).orElseThrow();
    }

    private static ColumnRow column(ModelReview m, String name) {
        return m.columns().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theExampleShowsItsCallsAsWrittenAndExpanded() {
        SpecReview review = ExportFixtures.review(ExportFixtures.example());
        ModelReview customers = model(review, "stg_customers");

        ColumnRow email = column(customers, "email");
        assertThat(email.transform()).isEqualTo("LOWER(TRIM({from}))"); // what runs
        assertThat(email.written()).isEqualTo("@normalised({from})");
        List<List<String>> mappings = ModelTables.of(customers).columnMappings().texts();
        assertThat(mappings.get(2).get(4)).isEqualTo("@normalised({from})\nexpands to: LOWER(TRIM({from}))");
        // a transform without a call: one line, as before
        assertThat(column(customers, "full_name").written()).isNull();
        assertThat(mappings.get(4).get(4)).isEqualTo("NULLIF(TRIM({from}), '')");

        List<List<String>> filters =
                ModelTables.of(model(review, "stg_web_activity")).filters().texts();
        assertThat(filters.get(1).get(1)).isEqualTo("customer_id IS NOT NULL");
        assertThat(filters.get(3).get(1))
                .isEqualTo("COUNTIF(@bounced(duration_seconds)) < COUNT(*)\n"
                        + "expands to: COUNTIF((duration_seconds < 10)) < COUNT(*)");

        assertThat(ReviewTables.namedExpressions(review).texts())
                .containsExactly(
                        List.of("Defined In", "Name", "Parameters", "Body", "Used In"),
                        List.of(
                                "spec",
                                "digits",
                                "{0}",
                                "REGEXP_REPLACE({0}, r'[^0-9]', '')",
                                "stg_customers.phone_e164"),
                        List.of(
                                "spec",
                                "normalised",
                                "{0}",
                                "LOWER(TRIM({0}))",
                                "stg_customers.email, stg_customers.email_domain, stg_customers.signup_channel,"
                                        + " stg_customers.lifecycle_stage"),
                        List.of("stg_web_activity", "bounced", "{0}", "{0} < 10", "stg_web_activity filter 3"));
    }

    @Test
    void aSpecWithoutNamedExpressionsHasNoSuchTable() {
        SpecReview review = ExportFixtures.review(ExportFixtures.hostile());
        assertThat(ReviewTables.namedExpressions(review).isEmpty()).isTrue();
        for (ModelReview m : review.models()) {
            assertThat(m.columns()).allSatisfy(c -> assertThat(c.written()).isNull());
        }
    }

    private static final String SPEC = """
            {
              "version": "1",
              "schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
              "expressions": {
                "neg": "-{0}",
                "tagged": "CONCAT({0}, '<b>=1</b>')",
                "unused": "{0} + {1}"
              },
              "models": [
                {
                  "name": "stg_a",
                  "layer": "staging",
                  "sources": ["raw.a"],
                  "expressions": {"neg": "0 - {0}"},
                  "column_mapping": [
                    {"target_column": "x", "type": "INT64", "from_table": "a", "from_column": "x",
                     "transform": "@neg({from})"},
                    {"target_column": "s", "type": "STRING", "from_table": "a", "from_column": "s",
                     "transform": "@tagged({from})"}
                  ],
                  "filters": [{"predicate": "@neg(x) < 0"}]
                }
              ]
            }
            """;

    @Test
    void namedExpressionsAreTextInEveryFormat(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spec.json"), SPEC, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("source_ddl"));
        Files.writeString(
                dir.resolve("source_ddl/a.sql"), "CREATE TABLE `raw.a` (x INT64, s STRING);\n", StandardCharsets.UTF_8);
        SpecInput input = new SpecInput(dir.resolve("spec.json"), dir.resolve("source_ddl"), dir);
        SpecReview review = ExportFixtures.review(input);
        assertThat(review.diagnostics()).noneMatch(d -> d.isError());

        // the model's own definition wins over the spec's of the same name, in the table and in the expansion
        assertThat(ReviewTables.namedExpressions(review).texts())
                .containsExactly(
                        List.of("Defined In", "Name", "Parameters", "Body", "Used In"),
                        List.of("spec", "neg", "{0}", "-{0}", "not used"),
                        List.of("spec", "tagged", "{0}", "CONCAT({0}, '<b>=1</b>')", "stg_a.s"),
                        List.of("spec", "unused", "{0}, {1}", "{0} + {1}", "not used"),
                        List.of("stg_a", "neg", "{0}", "0 - {0}", "stg_a.x, stg_a filter 1"));
        assertThat(column(model(review, "stg_a"), "x").transform()).isEqualTo("(0 - {from})");

        Path out = dir.resolve("out");
        ExportFixtures.export(input, out);
        Path csv = out.resolve("review/csv");
        String named = Files.readString(csv.resolve("08_named_expressions.csv"), StandardCharsets.UTF_8);
        // a body or a fragment a spreadsheet would read as a formula is neutralised
        assertThat(named).contains("spec,neg,{0},'-{0},not used\n");
        String transforms = Files.readString(csv.resolve("02_all_transforms.csv"), StandardCharsets.UTF_8);
        assertThat(transforms).contains("stg_a,x,Column Transform,\"'@neg({from})\nexpands to: (0 - {from})\",");

        String html = Files.readString(out.resolve("review/index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<section id=\"named-expressions\">");
        assertThat(html).contains(Html.escape("CONCAT({0}, '<b>=1</b>')"));
        assertThat(html).doesNotContain("<b>=1</b>");

        try (XSSFWorkbook wb = new XSSFWorkbook(
                OPCPackage.open(out.resolve("review/spec-review.xlsx").toFile(), PackageAccess.READ))) {
            Sheet sheet = wb.getSheet("Named Expressions");
            assertThat(sheet).isNotNull();
            var body = sheet.getRow(1).getCell(3);
            assertThat(body.getStringCellValue()).isEqualTo("-{0}");
            assertThat(body.getCellStyle().getQuotePrefixed()).isTrue();
        }
    }
}
