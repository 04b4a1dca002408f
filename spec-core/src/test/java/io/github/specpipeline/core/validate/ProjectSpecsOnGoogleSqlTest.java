package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own specs (the example, the hostile spec) have exactly the findings with GoogleSQL's analysis that
 * they have without it: BigQuery's analyzer finds nothing the plugin's checks miss there. A new finding is either a
 * real problem of the spec (fix it) or a false one of {@link GoogleSqlCheck} (fix that). Another project is checked
 * by hand with {@code -Dspecpipeline.googleSql.project=<dir with spec.json and source_ddl/>}.
 */
class ProjectSpecsOnGoogleSqlTest {

    static Stream<Path> projects() {
        List<Path> dirs = new ArrayList<>(List.of(
                Path.of("../examples/shop-analytics/src/main/spec"), Path.of("src/test/resources/generate/hostile")));
        String extra = System.getProperty("specpipeline.googleSql.project");
        if (extra != null) {
            dirs.add(Path.of(extra));
        }
        return dirs.stream();
    }

    @ParameterizedTest
    @MethodSource("projects")
    void googleSqlFindsNothingNewInTheProjectsSpecs(Path dir) {
        Path ddl = dir.resolve("source_ddl");
        SpecInput input = new SpecInput(dir.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, dir);
        List<String> with = formatted(SpecLoader.load(input).diagnostics());
        List<String> without =
                formatted(SpecLoader.load(input.withGoogleSql(false)).diagnostics());
        assertThat(with).isEqualTo(without);
    }

    private static List<String> formatted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::format).toList();
    }
}
