package io.github.specpipeline.core.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.sql.SqlFragments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The per-function differential table ({@code differential/functions.txt}, run by {@link FunctionDifferential}):
 * every function the renderers translate has edge cases, and every case gives on DuckDB what GoogleSQL gives, or
 * says otherwise with a status (refused, or a difference that validation reports with its code).
 */
class FunctionDifferentialTest {
    /** The syntax the table also covers, beside the catalogue's functions. */
    static final Set<String> SYNTAX = Set.of("CAST", "SAFE_CAST", "array subscript");

    @Test
    void everyCataloguedFunctionHasAtLeastTwoCases() throws Exception {
        Map<String, Long> counts = FunctionDifferential.cases().stream()
                .collect(Collectors.groupingBy(FunctionDifferential.Case::function, Collectors.counting()));
        for (FunctionCatalogue.Entry e : FunctionCatalogue.FUNCTIONS) {
            assertThat(counts.getOrDefault(e.name(), 0L))
                    .as("cases of " + e.name() + " in " + FunctionDifferential.RESOURCE)
                    .isGreaterThanOrEqualTo(2);
        }
        Set<String> known = FunctionCatalogueTest.catalogued();
        for (String name : counts.keySet()) {
            assertThat(known.contains(name) || SYNTAX.contains(name))
                    .as(name + " is a catalogued function")
                    .isTrue();
        }
    }

    @Test
    void everyCaseCallsItsFunction() throws Exception {
        for (FunctionDifferential.Case c : FunctionDifferential.cases()) {
            if (!SYNTAX.contains(c.function())) {
                assertThat(SqlFragments.parse(c.expression(), null).functions())
                        .as("line " + c.line() + ": " + c.expression())
                        .contains(c.function());
            }
        }
    }

    @Test
    void everyCaseDoesOnDuckDbWhatItsStatusSays() throws Exception {
        assertThat(wrong(FunctionDifferential.results(), Dialect.DUCKDB)).isEmpty();
    }

    /** Every case's Spark SQL run on a local Spark session (the build's Python environment). */
    @Test
    void everyCaseDoesOnSparkWhatItsSparkStatusSays() throws Exception {
        Path python = TestPython.require();
        assertThat(wrong(FunctionDifferential.withSpark(python), Dialect.SPARK)).isEmpty();
    }

    private static List<String> wrong(List<FunctionDifferential.Result> results, Dialect dialect) {
        List<String> wrong = new ArrayList<>();
        for (FunctionDifferential.Result r : results) {
            FunctionDifferential.Side s = r.side(dialect);
            if (!r.asDeclared(dialect)) {
                wrong.add(FunctionDifferential.RESOURCE + ":" + r.c().line() + ": " + r.c().id() + " is "
                        + r.outcome(dialect) + " on " + dialect.displayName() + ", declared "
                        + s.status().expect() + ": GoogleSQL " + shown(r.bigQuery()) + ", "
                        + dialect.displayName() + " "
                        + (s.refusal() != null ? "refuses: " + s.refusal() : shown(s.value()) + " from " + s.sql()));
            }
        }
        return wrong;
    }

    /** A difference the table declares is one validation reports: the rendering records its code. */
    @Test
    void everyDeclaredDifferenceIsReportedWithItsCode() throws Exception {
        Map<String, List<String>> duckDb = declared(Dialect.DUCKDB);
        assertThat(duckDb).containsOnlyKeys("SP240", "SP241", "SP242");
        assertThat(declared(Dialect.SPARK).keySet()).allMatch(code -> code.matches("SP24[3-6]"));
    }

    /** Rendering alone: a declared difference is recorded with its code, so this holds without Spark too. */
    private static Map<String, List<String>> declared(Dialect dialect) throws Exception {
        Map<String, List<String>> byCode = new TreeMap<>();
        for (FunctionDifferential.Result r : FunctionDifferential.results()) {
            String code = r.c().status(dialect).code();
            if (code != null) {
                assertThat(r.side(dialect).differences())
                        .as("line " + r.c().line() + " on " + dialect.displayName() + ": " + r.c().id())
                        .extracting(d -> d.code().id())
                        .contains(code);
                byCode.computeIfAbsent(code, k -> new ArrayList<>()).add(r.c().function());
            }
        }
        return byCode;
    }

    private static String shown(FunctionDifferential.Typed t) {
        return t.show() + (t.isError() ? " (" + t.text().lines().findFirst().orElse("") + ")" : "");
    }
}
