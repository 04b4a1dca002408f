package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportsTest {
    static final List<Diagnostic> DIAGNOSTICS = List.of(
            new Diagnostic(
                    Severity.ERROR,
                    DiagnosticCode.SP204,
                    "join references unknown table 'fx' (sources: a, b)",
                    "src/main/spec/spec.json",
                    42,
                    17,
                    "/models/1/joins/0/right_table",
                    "did you mean 'fx_rates'?"),
            new Diagnostic(Severity.WARNING, DiagnosticCode.SP401, "not connected", "spec.json", 0, 0, "", ""));

    @Test
    void sarifHasTheRequiredStructureAndOneRulePerCode() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(ValidationReports.sarif(DIAGNOSTICS));
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/rules")).hasSize(DiagnosticCode.values().length);
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("SP204");
        assertThat(run.at("/tool/driver/rules/" + first.get("ruleIndex").asInt() + "/id")
                        .asText())
                .isEqualTo("SP204");
        assertThat(first.get("level").asText()).isEqualTo("error");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("src/main/spec/spec.json");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt())
                .isEqualTo(42);
        assertThat(first.at("/locations/0/physicalLocation/region/startColumn").asInt())
                .isEqualTo(17);
        assertThat(first.at("/message/text").asText()).endsWith("(hint: did you mean 'fx_rates'?)");
        // no region when the position is unknown: SARIF requires startLine >= 1
        assertThat(run.at("/results/1/locations/0/physicalLocation/region").isMissingNode())
                .isTrue();
        assertThat(run.at("/results/1/level").asText()).isEqualTo("warning");
    }

    @Test
    void jsonReportCountsBySeverityAndIsStable() throws Exception {
        String text = ValidationReports.json("spec.json", DIAGNOSTICS);
        assertThat(text)
                .isEqualTo(ValidationReports.json("spec.json", DIAGNOSTICS))
                .doesNotContain("\r")
                .endsWith("}\n");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/warnings").asInt()).isEqualTo(1);
        assertThat(json.at("/diagnostics/0/pointer").asText()).isEqualTo("/models/1/joins/0/right_table");
    }

    @Test
    void formatsLikeACompiler() {
        assertThat(DIAGNOSTICS.get(0).format())
                .isEqualTo("src/main/spec/spec.json:42:17: error[SP204] join references unknown"
                        + " table 'fx' (sources: a, b) (hint: did you mean 'fx_rates'?)");
        assertThat(DIAGNOSTICS.get(1).format()).isEqualTo("spec.json: warning[SP401] not connected");
    }
}
