package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code test} goal without seeds on a spec whose tests sit on union columns ({@code union-synthetic}): unions of
 * two and three raw members with their columns in different orders; {@code unique} on a union's INT64, STRING and
 * DATE columns (distinct across the members, not only within each); {@code relationships} from a union column into
 * another union model and from a plain model into union models (the referenced values may come from any member);
 * a column that is both {@code unique} and a {@code relationships} (one payment per order, payments of two members);
 * {@code accepted_values} and {@code not_null} on every member; a primary key of a member's id and the union's source
 * column. Every test passes on the synthetic rows, on each engine, from the same path the goal takes.
 */
class UnionSyntheticDataTest {
    static final Path SPEC = Path.of("src/test/resources/testrun/union-synthetic");

    @TempDir
    Path dir;

    @BeforeAll
    static void shareSpark() {
        SharedSpark.use();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "bigquery", "spark"})
    void everyTestOnUnionColumnsPassesOnSyntheticRows(String engine) throws Exception {
        TestTask.Options options = new TestTask.Options(
                        new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), dir),
                        dir.resolve("no-seeds"),
                        dir.resolve("target"),
                        false,
                        25)
                .withRunAt(Instant.parse("2026-01-01T00:00:00Z"))
                .withEngine(engine);
        if (engine.equals("spark")) {
            options = options.withSpark(TestPython.require().toString(), null);
        }
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(options, log);
        assertThat(r.results()).as(r.summary() + "\n" + log.lines).isNotNull();
        // every raw table got synthetic rows: no seed was read
        assertThat(log.lines).anyMatch(l -> l.contains("Seeds: 0 tables"));
        assertThat(notPassed(r)).as(engine).isEmpty();
        // 27 declared column tests, 4 not_null implied by nullable false, 6 primary keys
        assertThat(r.results().total()).isEqualTo(37);
        assertThat(r.failed()).as(r.summary()).isFalse();
    }

    private static TreeMap<String, String> notPassed(TestTask.Result r) {
        TreeMap<String, String> out = new TreeMap<>();
        r.results()
                .suites()
                .forEach(s -> s.cases().stream()
                        .filter(c -> c.status() != TestResults.Status.PASSED)
                        .forEach(c -> out.put(s.name() + " " + c.name(), c.status() + " " + c.message())));
        return out;
    }
}
