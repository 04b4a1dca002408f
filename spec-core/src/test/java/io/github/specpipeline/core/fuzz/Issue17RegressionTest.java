package io.github.specpipeline.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.ValidateTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The minimal inputs of issue 17's fuzz findings, each on the example project, through the same harness and
 * invariant as the fuzzer (a result or located diagnostics in time, nothing outside the output, the same twice);
 * "in time" is 10 s or a multiple of the unchanged example's run measured in the same test ({@link #bound}).
 * Each was {@code @Disabled} until its fix landed.
 */
class Issue17RegressionTest {
    static final Set<FuzzHarness.Task> ALL = EnumSet.allOf(FuzzHarness.Task.class);
    static final Set<FuzzHarness.Task> NO_EXPORT = EnumSet.complementOf(EnumSet.of(FuzzHarness.Task.EXPORT));

    @TempDir
    Path dir;

    @Test
    void twentyNestedTrimsEndInTime() throws IOException {
        assertEndsInTime(transform("stg_customers", "email", nest("TRIM(", "{from}", ")", 20)), NO_EXPORT);
    }

    @Test
    void caseNested500DeepEndsInTime() throws IOException {
        assertEndsInTime(
                transform("stg_customers", "email", nest("CASE WHEN TRUE THEN ", "{from}", " ELSE NULL END", 500)),
                NO_EXPORT);
    }

    @Test
    void twentyFiveNestedCoalescesEndInTime() throws IOException {
        assertEndsInTime(transform("stg_customers", "email", nest("COALESCE(", "{from}", ", NULL)", 25)), NO_EXPORT);
    }

    /** Found by this harness (sql-000245 of seed 42): one more shape of the nesting hang, array literals. */
    @Test
    void fortyNestedArrayLiteralsEndInTime() throws IOException {
        assertEndsInTime(transform("stg_customers", "email", nest("ARRAY_LENGTH([", "{from}", "])", 40)), NO_EXPORT);
    }

    @Test
    void sixteenNestedNullifsEndInTimeInTheTestGoal() throws IOException {
        assertEndsInTime(
                transform("stg_customers", "email", nest("NULLIF(", "{from}", ", '')", 16)),
                EnumSet.of(FuzzHarness.Task.TEST));
    }

    @Test
    void twentyNestedParenthesesAreValidSql() throws IOException {
        FuzzCase c = transform("stg_customers", "email", nest("(", "{from}", ")", 20));
        assertEndsInTime(c, NO_EXPORT);
        assertThat(validate(c)).extracting(Diagnostic::code).doesNotContain(DiagnosticCode.SP301);
    }

    @Test
    void twoTestsOfOneKindBesideAColumnNamedWithSuffix2Generate() throws IOException {
        FuzzCase c = edit(root -> {
            ArrayNode columns = (ArrayNode) model(root, "stg_customers").get("column_mapping");
            ObjectNode email = (ObjectNode) column(root, "stg_customers", "email");
            ((ArrayNode) email.get("tests")).addObject().put("expression", "LENGTH(email) > 3");
            ObjectNode email2 = email.deepCopy();
            email2.put("target_column", "email_2");
            email2.set(
                    "tests",
                    JsonTree.MAPPER
                            .createArrayNode()
                            .add(JsonTree.MAPPER.createObjectNode().put("expression", "email_2 IS NOT NULL")));
            columns.insert(2, email2);
        });
        assertPasses(c, ALL);
    }

    @Test
    void aTypedColumnReadingAnUntypedUpstreamColumnGenerates() throws IOException {
        FuzzCase c = edit(root ->
                model(root, "stg_orders").get("column_mapping").forEach(col -> ((ObjectNode) col).remove("type")));
        assertPasses(c, NO_EXPORT);
    }

    /**
     * Found by this harness (seeds-000883 of seed 17): with a duplicated address row a dim_customers test fails, and
     * the failing rows in its JUnit XML carry the SCD2 columns' CURRENT_TIMESTAMP, so two runs wrote different bytes.
     * With the build's fixed time (TestTask.Options.runAt, from project.build.outputTimestamp) they are the same.
     */
    @Test
    void aFailingTestsReportIsTheSameOnTwoRuns() throws IOException {
        FuzzCase example = Corpus.example();
        String seed = FuzzCase.SEEDS + "/shop_addresses.csv";
        List<String> lines =
                new java.util.ArrayList<>(List.of(example.text(seed).split("\n")));
        lines.add(4, lines.get(4));
        assertPasses(example.with(seed, Text.utf8(String.join("\n", lines) + "\n")), EnumSet.of(FuzzHarness.Task.TEST));
    }

    /**
     * Issue 17 says a trailing comma is accepted; on main at 0a3c7f1 every place tried is an SP003 error, so this
     * guards it (it never failed here).
     */
    @ParameterizedTest
    @ValueSource(strings = {"root", "models", "tags", "column", "schema"})
    void aTrailingCommaIsALocatedSyntaxError(String where) throws IOException {
        String spec = Corpus.example().text(FuzzCase.SPEC);
        String changed = switch (where) {
            case "root" -> spec.substring(0, spec.lastIndexOf('}')).stripTrailing() + ",\n}\n";
            case "models" -> // the models array ends at the last line "  ]" (named expressions may follow it)
                spec.substring(0, spec.lastIndexOf("\n  ]") + 3) + ",]" + spec.substring(spec.lastIndexOf("\n  ]") + 4);
            case "tags" -> spec.replaceFirst("\"daily\"", "\"daily\",");
            case "column" -> spec.replaceFirst("(\"Business key of the customer in the shop system\")", "$1,");
            default -> spec.replaceFirst("(\"final_schema\": \"analytics\")", "$1,");
        };
        assertThat(changed).isNotEqualTo(spec);
        FuzzCase c = Corpus.example().with(FuzzCase.SPEC, Text.utf8(changed));
        assertPasses(c, EnumSet.of(FuzzHarness.Task.VALIDATE));
        assertThat(validate(c))
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::code)
                .containsExactly(DiagnosticCode.SP003);
    }

    /** The harness itself on the unchanged example: it must pass, or every case above proves nothing. */
    @Test
    void theUnchangedExamplePassesTheInvariant() throws IOException {
        assertPasses(Corpus.example(), ALL);
    }

    /** The invariant with a generous bound: for the inputs that are not about time, on a machine other builds share. */
    private void assertPasses(FuzzCase c, Set<FuzzHarness.Task> tasks) throws IOException {
        assertPasses(c, tasks, Duration.ofSeconds(60));
    }

    /**
     * The invariant within a bound per task for the inputs that hung (20 s to many minutes, growing exponentially with
     * the nesting): 10 s, as the issue asks, or {@link #PEER_FACTOR} times the slowest task of the unchanged example
     * run through the same harness just before, whichever is longer. The peer takes the machine's load into the
     * bound: on a build machine shared with other builds (load average above 15) a fixed 10 s failed, while a real
     * hang still runs far past any multiple of a run of the example.
     */
    private void assertEndsInTime(FuzzCase c, Set<FuzzHarness.Task> tasks) throws IOException {
        assertPasses(c, tasks, bound(peerNanos(tasks)));
    }

    static final Duration BOUND = Duration.ofSeconds(10);

    /** How many runs of the example's slowest task a hostile input may take. */
    static final int PEER_FACTOR = 5;

    /** The bound for a hang check whose peer's slowest task took {@code peerNanos}. */
    static Duration bound(long peerNanos) {
        Duration relative = Duration.ofNanos(peerNanos).multipliedBy(PEER_FACTOR);
        return relative.compareTo(BOUND) > 0 ? relative : BOUND;
    }

    /** Wall time of the slowest of {@code tasks} on the unchanged example, measured now. */
    private long peerNanos(Set<FuzzHarness.Task> tasks) throws IOException {
        FuzzHarness harness = new FuzzHarness(Duration.ofMinutes(5));
        FuzzHarness.Verdict v =
                harness.run(Corpus.example(), tasks, Files.createDirectories(dir.resolve("peer")), false);
        assertThat(v.ok()).as("the peer: " + v.kind() + " " + v.detail()).isTrue();
        return harness.time().values().stream()
                .mapToLong(t -> t[0] / t[1])
                .max()
                .orElseThrow();
    }

    @Test
    void theBoundIsTenSecondsOrFiveRunsOfThePeer() {
        assertThat(bound(Duration.ofMillis(300).toNanos())).isEqualTo(Duration.ofSeconds(10));
        assertThat(bound(Duration.ofSeconds(2).toNanos())).isEqualTo(Duration.ofSeconds(10));
        assertThat(bound(Duration.ofSeconds(7).toNanos())).isEqualTo(Duration.ofSeconds(35));
    }

    private void assertPasses(FuzzCase c, Set<FuzzHarness.Task> tasks, Duration bound) throws IOException {
        Path root = Files.createDirectories(dir.resolve("case"));
        FuzzHarness.Verdict v = new FuzzHarness(bound).run(c, tasks, root, true);
        assertThat(v.ok())
                .as(v.kind() + " " + v.signature() + "\n" + v.detail())
                .isTrue();
    }

    private List<Diagnostic> validate(FuzzCase c) throws IOException {
        Path project = Files.createDirectories(dir.resolve("validate"));
        c.writeProject(project);
        SpecInput input = new SpecInput(project.resolve(FuzzCase.SPEC), project.resolve(FuzzCase.DDL), project);
        return ValidateTask.run(new ValidateTask.Options(input, project.resolve("out"), false), new RecordingLog())
                .load()
                .diagnostics();
    }

    static String nest(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    static FuzzCase transform(String model, String column, String fragment) throws IOException {
        return edit(root -> ((ObjectNode) column(root, model, column)).set("transform", new TextNode(fragment)));
    }

    static FuzzCase edit(Consumer<JsonNode> change) throws IOException {
        FuzzCase example = Corpus.example();
        JsonNode root = JsonTree.parse(example.text(FuzzCase.SPEC));
        change.accept(root);
        return example.with(FuzzCase.SPEC, Text.utf8(JsonTree.write(root)));
    }

    static JsonNode model(JsonNode root, String name) {
        for (JsonNode m : root.get("models")) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static JsonNode column(JsonNode root, String model, String column) {
        for (JsonNode c : model(root, model).get("column_mapping")) {
            if (c.get("target_column").asText().equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException(column);
    }
}
