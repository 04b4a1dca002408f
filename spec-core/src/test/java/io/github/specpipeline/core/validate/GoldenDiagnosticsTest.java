package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code validation/cases/NAME.json} is validated against the test DDL and its diagnostics, printed
 * compiler-style, must equal {@code NAME.expected.txt}. Run with {@code -Dgolden.update=true} to rewrite the
 * expected files, then review the diff: the golden files are the specification of every message.
 */
class GoldenDiagnosticsTest {
    static final Path ROOT = Path.of("src/test/resources/validation");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("cases"))) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static String diagnostics(Path spec) {
        SpecLoader.Result result = SpecLoader.load(new SpecInput(spec, ROOT.resolve("ddl"), ROOT));
        return result.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n", "", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diagnosticsMatchGoldenFile(String name) throws IOException {
        String actual = diagnostics(ROOT.resolve("cases/" + name + ".json"));
        Path expected = ROOT.resolve("cases/" + name + ".expected.txt");
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    /**
     * The valid spec has no diagnostics but the two layout findings of every target: its stg_orders is partitioned by
     * an INT64 column, which dbt cannot express, and clustered, which DuckDB and PySpark cannot (SP218).
     */
    @Test
    void theValidSpecHasNoDiagnosticsButTheLayoutFindings() {
        List<String> lines = diagnostics(ROOT.resolve("valid.json")).lines().toList();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains(": warning[SP218] model 'stg_orders': "));
        assertThat(lines.get(0))
                .contains("partition_by 'order_id' is not written for dbt (partition_by takes a DATE, TIMESTAMP or"
                        + " DATETIME column, and order_id is INT64)");
        assertThat(lines.get(1))
                .contains("cluster_by customer_id is not written for pyspark (no clustering without a bucket count)");
    }

    @Test
    void everyCaseButTheBomOneReportsSomething() throws IOException {
        for (String name : cases().toList()) {
            if (!name.equals("bom")) {
                assertThat(diagnostics(ROOT.resolve("cases/" + name + ".json")))
                        .as(name)
                        .isNotEqualTo("\n");
            }
        }
    }
}
