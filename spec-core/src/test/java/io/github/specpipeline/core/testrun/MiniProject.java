package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** A copy of {@code testing/mini} in a temporary folder, with seeds written by the test. */
final class MiniProject {
    static final Path SOURCE = Path.of("src/test/resources/testing/mini");
    static final String CUSTOMERS = """
            customer_id,email,status,created_at
            1," Ann@Example.com ",active,2024-01-05T11:15:00Z
            2,bob@example.com,churned,2024-02-01T00:00:00Z
            3,,active,
            """;
    static final String ORDERS = """
            order_id,customer_id,amount,order_date
            10,1,12.50,2024-03-01
            11,1,0,2024-03-02
            12,3,7.25,
            """;

    final Path root;

    MiniProject(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve("src/main/spec/source_ddl"));
            Files.copy(SOURCE.resolve("spec.json"), root.resolve("src/main/spec/spec.json"));
            for (String f : List.of("customers.sql", "orders.sql")) {
                Files.copy(
                        SOURCE.resolve("source_ddl").resolve(f),
                        root.resolve("src/main/spec/source_ddl").resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the clean seeds. */
    MiniProject withCleanSeeds() {
        return seed("customers", CUSTOMERS).seed("orders", ORDERS);
    }

    MiniProject seed(String table, String csv) {
        write("src/test/seeds/" + table + ".csv", csv);
        return this;
    }

    MiniProject editSpec(UnaryOperator<String> edit) {
        try {
            Path spec = root.resolve("src/main/spec/spec.json");
            Files.writeString(spec, edit.apply(Files.readString(spec)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    void write(String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestTask.Options options() {
        return new TestTask.Options(
                new SpecInput(root.resolve("src/main/spec/spec.json"), root.resolve("src/main/spec/source_ddl"), root),
                root.resolve("src/test/seeds"),
                root.resolve("target/spec-pipeline"),
                false);
    }

    Run run() throws IOException {
        return run(options());
    }

    Run run(TestTask.Options options) throws IOException {
        RecordingLog log = new RecordingLog();
        TestTask.Result result = TestTask.run(options, new MiniPlanner(), log);
        return new Run(result, log.lines);
    }

    record Run(TestTask.Result result, List<String> log) {
        String logText() {
            return String.join("\n", log);
        }

        TestResults.Case test(String name) {
            return result.results().suites().stream()
                    .flatMap(s -> s.cases().stream())
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no test " + name));
        }

        List<String> notPassed() {
            return result.results().suites().stream()
                    .flatMap(s -> s.cases().stream())
                    .filter(c -> c.status() != TestResults.Status.PASSED)
                    .map(TestResults.Case::name)
                    .toList();
        }
    }
}
