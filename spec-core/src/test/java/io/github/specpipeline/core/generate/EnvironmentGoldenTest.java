package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.testrun.TestResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code specpipeline.environment} changes the schema names generated code writes to, and nothing else. The
 * {@code environment-dev} spec is shop-analytics with an {@code environments} block ({@code dev}: suffix
 * {@code _dev}; {@code ci}: explicit names); its golden files are under {@code generate/golden/environment-<name>/}.
 */
class EnvironmentGoldenTest {
    static final Path ROOT = GenerateGoldenTest.ROOT;
    static final Path SHOP = ROOT.resolve("shop-analytics");
    static final Path SPEC = ROOT.resolve("environment-dev/spec.json");

    @TempDir
    static Path project;

    /** The environment-dev spec with shop-analytics' DDL and seeds beside it, as in a project. */
    @org.junit.jupiter.api.BeforeAll
    static void project() throws IOException {
        Files.copy(SPEC, project.resolve("spec.json"));
        for (String folder : new String[] {"source_ddl", "seeds"}) {
            Files.createDirectories(project.resolve(folder));
            try (Stream<Path> files = Files.list(SHOP.resolve(folder))) {
                for (Path f : files.toList()) {
                    Files.copy(
                            f, project.resolve(folder).resolve(f.getFileName().toString()));
                }
            }
        }
    }

    static SpecInput input(String environment) {
        return new SpecInput(project.resolve("spec.json"), project.resolve("source_ddl"), project)
                .withEnvironment(environment);
    }

    static Map<String, String> generate(SpecInput input, Path out) throws IOException {
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                        input,
                        out,
                        EnumSet.allOf(Target.class),
                        input.baseDirectory().resolve("seeds")),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        Map<String, String> files = GenerateGoldenTest.tree(out);
        files.keySet().removeIf(f -> f.startsWith("validation/"));
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "ci"})
    void generatedFilesMatchTheGoldenFiles(String environment, @TempDir Path out) throws IOException {
        Map<String, String> actual = generate(input(environment), out);
        Path golden = ROOT.resolve("golden/environment-" + environment);
        if (GenerateGoldenTest.UPDATE) {
            if (Files.isDirectory(golden)) {
                try (Stream<Path> walk = Files.walk(golden)) {
                    for (Path p :
                            walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, String> e : actual.entrySet()) {
                Path p = golden.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> expected = GenerateGoldenTest.tree(golden);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
        }
    }

    /** Every target writes to the environment's schemas, and that is the only difference from the spec's own. */
    @Test
    void onlyTheSchemaNamesChange(@TempDir Path out) throws IOException {
        Map<String, String> dev = generate(input("dev"), out.resolve("dev"));
        Map<String, String> ci = generate(input("ci"), out.resolve("ci"));
        Map<String, String> plain = GenerateGoldenTest.tree(ROOT.resolve("golden/shop-analytics"));
        assertThat(dev.keySet()).containsExactlyElementsOf(plain.keySet());
        for (String target : new String[] {"dataform/", "dbt/", "sql/", "pyspark/"}) {
            assertThat(dev.entrySet()).as(target).anySatisfy(e -> {
                assertThat(e.getKey()).startsWith(target);
                assertThat(e.getValue()).contains("staging_dev");
            });
            assertThat(dev.entrySet()).as(target).anySatisfy(e -> {
                assertThat(e.getKey()).startsWith(target);
                assertThat(e.getValue()).contains("analytics_dev");
            });
        }
        for (String file : plain.keySet()) {
            assertThat(dev.get(file).replace("staging_dev", "staging").replace("analytics_dev", "analytics"))
                    .as(file)
                    .isEqualTo(plain.get(file));
            assertThat(ci.get(file).replace("ci_staging", "staging").replace("ci_analytics", "analytics"))
                    .as(file)
                    .isEqualTo(plain.get(file));
            // the raw schema is the loaded data every environment reads: never renamed
            assertThat(dev.get(file)).as(file).doesNotContain("raw_dev");
        }
    }

    @Test
    void withoutAnEnvironmentTheOutputIsTheSpecsOwn(@TempDir Path out) throws IOException {
        Map<String, String> none = generate(input(null), out);
        Map<String, String> plain = GenerateGoldenTest.tree(ROOT.resolve("golden/shop-analytics"));
        assertThat(none).isEqualTo(plain);
    }

    @Test
    void anUnknownEnvironmentIsAnErrorNamingTheDefinedOnes() {
        SpecLoader.Result r = SpecLoader.load(input("prod"));
        assertThat(r.diagnostics())
                .filteredOn(d -> d.code() == DiagnosticCode.SP110)
                .extracting(Diagnostic::format)
                .containsExactly("spec.json:9:19: error[SP110] unknown environment 'prod' (defined: dev, ci) (hint: "
                        + DiagnosticCode.SP110.fix() + ")");
        SpecLoader.Result near = SpecLoader.load(input("deb"));
        assertThat(near.diagnostics())
                .filteredOn(d -> d.code() == DiagnosticCode.SP110)
                .extracting(Diagnostic::hint)
                .containsExactly("did you mean 'dev'?");
    }

    /** The test goal builds and tests the models in the environment's schemas, with the same outcomes. */
    @Test
    void theTestGoalRunsInTheEnvironmentsSchemas(@TempDir Path out) throws IOException {
        TestTask.Result dev = TestTask.run(
                new TestTask.Options(input("dev"), project.resolve("seeds"), out.resolve("dev"), false), SpecLog.NONE);
        TestTask.Result own = TestTask.run(
                new TestTask.Options(input(null), project.resolve("seeds"), out.resolve("own"), false), SpecLog.NONE);
        assertThat(dev.failed()).as(dev.summary()).isEqualTo(own.failed());
        for (TestResults.Status status : TestResults.Status.values()) {
            assertThat(dev.results().count(status))
                    .as(status.name())
                    .isEqualTo(own.results().count(status));
        }
        assertThat(dev.results().total()).isPositive();
        List<String> sql = dev.results().suites().stream()
                .flatMap(s -> s.cases().stream())
                .map(TestResults.Case::sql)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(sql).anyMatch(q -> q.contains("staging_dev.stg_orders"));
        assertThat(sql).anyMatch(q -> q.contains("analytics_dev.fact_orders"));
        assertThat(sql).noneMatch(q -> q.matches("(?s).*\\bstaging\\.stg_.*"));
    }

    @Test
    void anEnvironmentThatChangesNothingIsAnError(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(
                spec,
                Files.readString(SPEC).replace("\"schema_suffix\": \"_dev\"", "\"schema_suffix\": \"\""),
                StandardCharsets.UTF_8);
        SpecLoader.Result r = SpecLoader.load(new SpecInput(spec, project.resolve("source_ddl"), dir));
        assertThat(r.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::format)
                .containsExactly("spec.json:10:12: error[SP108] environment 'dev' changes no schema name (hint: "
                        + DiagnosticCode.SP108.fix() + ")");
    }

    @Test
    void anEnvironmentWithABadSchemaNameIsLocated(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(
                spec,
                Files.readString(SPEC).replace("\"schema_suffix\": \"_dev\"", "\"schema_suffix\": \"-dev\""),
                StandardCharsets.UTF_8);
        SpecLoader.Result r = SpecLoader.load(new SpecInput(spec, project.resolve("source_ddl"), dir));
        assertThat(r.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(d -> d.code().id() + " " + d.pointer())
                .containsExactly("SP201 /environments/dev/schema_suffix", "SP201 /environments/dev/schema_suffix");
    }
}
