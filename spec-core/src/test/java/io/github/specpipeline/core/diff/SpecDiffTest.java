package io.github.specpipeline.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pairs of specs under {@code diff/<case>/{base,current}.json} (with the case's DDL): every kind of change with its
 * category, the downstream columns a breaking change reaches (through two levels), a rename, a widened and a
 * narrowed type; the report is pinned by a golden {@code report.md} ({@code -Dgolden.update=true} rewrites it).
 */
class SpecDiffTest {
    static final Path CASES = Path.of("src/test/resources/diff");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static ValidatedSpec load(String kase, String which) {
        Path dir = CASES.resolve(kase);
        Path ddl = dir.resolve("source_ddl");
        SpecInput input = new SpecInput(dir.resolve(which + ".json"), Files.isDirectory(ddl) ? ddl : null, dir)
                .withGoogleSql(false);
        SpecLoader.Result load = SpecLoader.load(input);
        assertThat(load.spec()).as("%s/%s loads", kase, which).isPresent();
        return load.spec().get();
    }

    static List<Change> diff(String kase) {
        return SpecDiff.compare(load(kase, "base"), load(kase, "current"));
    }

    static String line(Change c) {
        return c.model() + "." + c.column() + " " + c.kind().id() + " "
                + c.category().id() + " [" + c.before() + " -> " + c.after() + "] impacts " + DiffReport.impacted(c);
    }

    @Test
    void everyKindIsFoundAndClassified() {
        List<String> lines = diff("kinds").stream().map(SpecDiffTest::line).toList();
        assertThat(lines)
                .contains(
                        "stg_orders.null description_changed metadata [Orders, cleaned -> Orders, cleaned | with"
                                + " <b>markup</b> and `ticks`\nsecond line] impacts ",
                        "stg_orders.null owner_changed metadata [sales-data -> orders-team] impacts ",
                        "stg_orders.null tags_changed metadata [orders -> orders, daily] impacts ",
                        "stg_orders.order_id test_added non-breaking [null -> unique] impacts ",
                        "stg_orders.qty type_widened non-breaking [INT64 -> NUMERIC] impacts ",
                        "stg_orders.code type_narrowed breaking [STRING -> INT64] impacts ",
                        "stg_orders.source_ref column_renamed breaking [legacy_ref -> source_ref] impacts int_orders.ref",
                        "stg_orders.channel column_added non-breaking [null -> STRING orders.channel] impacts ",
                        "stg_orders.note column_removed breaking [STRING orders.note -> null] impacts int_orders.note",
                        "int_orders.note column_removed breaking [STRING stg_orders.note -> null] impacts ",
                        "int_orders.ref transform_changed breaking [stg_orders.legacy_ref -> stg_orders.source_ref]"
                                + " impacts ",
                        "fct_customers.total description_changed metadata [Total in EUR -> Total amount in EUR]"
                                + " impacts ",
                        "dim_dates.null model_added non-breaking [null -> dim_dates] impacts ",
                        "old_report.null model_removed breaking [old_report -> null] impacts ");
    }

    /**
     * A union of two models (issue 14): a member's changed or removed column reaches the union's column of that name,
     * and through it the aggregate downstream.
     */
    @Test
    void aChangeOfAUnionMembersColumnReachesTheUnionsColumn() {
        List<String> lines = diff("union").stream().map(SpecDiffTest::line).toList();
        assertThat(lines)
                .contains(
                        "stg_orders_us.amount transform_changed breaking [orders_us.amount -> ROUND({from}, 0) (from"
                                + " orders_us.amount)] impacts int_orders.amount, fct_regions.total",
                        "stg_orders_eu.note column_removed breaking [STRING orders_eu.note -> null] impacts"
                                + " int_orders.note",
                        "stg_orders_us.note column_removed breaking [STRING orders_us.note -> null] impacts"
                                + " int_orders.note");
    }

    @Test
    void aTransformChangeReachesTwoLevelsDownstream() {
        Change amount = diff("kinds").stream()
                .filter(c -> "amount".equals(c.column()) && c.kind() == ChangeKind.OfColumn.TRANSFORM_CHANGED)
                .findFirst()
                .orElseThrow();
        assertThat(amount.category()).isEqualTo(Category.BREAKING);
        assertThat(amount.before()).isEqualTo("ROUND({from}, 2) (from orders.amount)");
        assertThat(amount.impacted())
                .containsExactly(
                        new ModelColumn("int_orders", "amount_eur"), new ModelColumn("fct_customers", "total"));
    }

    @Test
    void aFilterChangeReachesEveryColumnDownstream() {
        Change filter = diff("kinds").stream()
                .filter(c -> c.kind() == ChangeKind.OfModel.FILTER_CHANGED)
                .findFirst()
                .orElseThrow();
        assertThat(filter.model()).isEqualTo("int_orders");
        assertThat(filter.before()).isNull();
        assertThat(filter.after()).isEqualTo("stg_orders: customer_id IS NOT NULL");
        assertThat(filter.impacted().stream().map(i -> i.model() + "." + i.column()))
                .containsExactly("fct_customers.customer_id", "fct_customers.total", "fct_customers.order_count");
    }

    @Test
    void onlyWhitespaceAndKeyOrderIsNoChange() {
        assertThat(diff("same")).isEmpty();
        assertThat(DiffReport.markdown("current.json", "base.json", List.of()))
                .isEqualTo("**Spec changes** in current.json against base.json: no changes.\n");
    }

    @Test
    void changedModelsAreThoseStillInTheSpec() {
        assertThat(SpecDiff.changedModels(diff("kinds")))
                .containsExactly("dim_dates", "fct_customers", "int_orders", "stg_orders");
    }

    @Test
    void reportsMatchTheirGoldenFiles() throws IOException {
        ValidatedSpec base = load("kinds", "base");
        ValidatedSpec current = load("kinds", "current");
        List<Change> changes = SpecDiff.compare(base, current);
        golden("kinds/report.md", DiffReport.markdown("current.json", "base.json", changes));
        golden("kinds/migration.sql", MigrationSql.render(base, current, changes));
        golden(
                "kinds/changes.txt",
                changes.stream().map(SpecDiffTest::line).collect(Collectors.joining("\n", "", "\n")));
    }

    /**
     * The hostile spec (every text field full of Markdown, HTML, SQL and control characters) against the example and
     * back: no exception, and every table row of report.md keeps its seven cell borders, so no spec text breaks out
     * of its cell.
     */
    @Test
    void hostileTextStaysInsideItsCells() {
        SpecInput hostile = new SpecInput(
                        Path.of("src/test/resources/export/hostile/spec.json"),
                        Path.of("src/test/resources/export/hostile/source_ddl"),
                        Path.of("src/test/resources/export/hostile"))
                .withGoogleSql(false);
        SpecInput example = new SpecInput(
                        Path.of("../examples/shop-analytics/src/main/spec/spec.json"),
                        Path.of("../examples/shop-analytics/src/main/spec/source_ddl"),
                        Path.of("../examples/shop-analytics"))
                .withGoogleSql(false);
        ValidatedSpec h = SpecLoader.load(hostile).spec().orElseThrow();
        ValidatedSpec e = SpecLoader.load(example).spec().orElseThrow();
        for (List<ValidatedSpec> pair : List.of(List.of(e, h), List.of(h, e), List.of(h, h))) {
            List<Change> changes = SpecDiff.compare(pair.get(0), pair.get(1));
            String md = DiffReport.markdown("spec|<b>`x`</b>", "git:main\n# x", changes);
            assertThat(md.lines().findFirst().orElseThrow())
                    .doesNotContain("<b>")
                    .doesNotContain("\n#");
            md.lines()
                    .filter(l -> l.startsWith("| "))
                    .forEach(l -> assertThat(l.replace("\\|", "")
                                    .chars()
                                    .filter(ch -> ch == '|')
                                    .count())
                            .as(l)
                            .isEqualTo(7));
            assertThat(md).doesNotContain("<script").doesNotContain("\r");
            MigrationSql.render(pair.get(0), pair.get(1), changes)
                    .lines()
                    .forEach(l -> assertThat(l)
                            .satisfiesAnyOf(
                                    x -> assertThat(x).startsWith("--"),
                                    x -> assertThat(x).startsWith("ALTER TABLE `"),
                                    x -> assertThat(x).isEmpty()));
        }
        assertThat(SpecDiff.compare(h, h)).isEmpty();
    }

    static void golden(String name, String actual) throws IOException {
        Path file = CASES.resolve(name);
        if (UPDATE || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("golden %s (-Dgolden.update=true rewrites it)", file)
                .isEqualTo(Files.readString(file));
    }
}
