package io.github.specpipeline.core.export;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.export.SpecReview.ColumnKind;
import io.github.specpipeline.core.export.SpecReview.ColumnRow;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.SpecReview.TestRow;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.UnitTest;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of one model, each defined here once. {@code csv/model_<name>.csv} and the model's workbook sheet
 * share {@link #joins}, {@link #filters}, {@link #constraints}, {@link #unitTests} and {@link #validation}; the CSV
 * file keeps the original exporters' sections for the columns ({@link #columnMappings},
 * {@link #otherOutputColumns}, {@link #aggregations}) and data tests ({@link #dataTests}), the sheet has one table of
 * every output column ({@link #outputColumns}) and every test ({@link #tests}). The HTML page and the model's site
 * page show {@link #outputColumns}, {@link #joins}, {@link #filters}, {@link #tests}, {@link #unitTests} and
 * {@link #validation} too, and the site page {@link #aggregations}; the site appends the JUnit name and last
 * result of each test after the shared columns. {@code ReviewTableParityTest} holds every format to these tables.
 */
public final class ModelTables {
    private final ModelReview m;
    private final Model model;

    private ModelTables(ModelReview m) {
        this.m = m;
        this.model = m.model();
    }

    public static ModelTables of(ModelReview m) {
        return new ModelTables(m);
    }

    /** A line of a model's heading block: a label and its value. */
    public record Fact(String label, Cell value) {}

    /** The heading block of {@code csv/model_<name>.csv}, as the original exporters wrote it. */
    public List<Fact> fileFacts() {
        List<Fact> out = new ArrayList<>();
        out.add(new Fact("MODEL", Cell.text(m.displayName())));
        out.add(new Fact("Layer", Cell.text(m.layer().id())));
        out.add(new Fact("Sources", Cell.text(m.sourcesText())));
        if (model.description() != null) {
            out.add(new Fact("Description", Cell.prose(model.description())));
        }
        if (model.owner() != null) {
            out.add(new Fact("Owner", Cell.text(model.owner())));
        }
        if (!model.tags().isEmpty()) {
            out.add(new Fact("Tags", Cell.text(String.join(", ", model.tags()))));
        }
        if (model.materialization() != null || model.constraints().isScd2()) {
            out.add(new Fact(
                    "Materialization",
                    Cell.text(model.effectiveMaterialization().id())));
        }
        if (!model.groupBy().isEmpty()) {
            out.add(new Fact("Group By", Cell.text(String.join(", ", model.groupBy()))));
        }
        out.add(new Fact("Validation", new Cell.Status(m.errors(), m.warnings())));
        return out;
    }

    /** The heading block of the model's workbook sheet, below its title. */
    public List<Fact> sheetFacts() {
        List<Fact> out = new ArrayList<>();
        out.add(new Fact("Layer", Cell.text(m.layer().id())));
        out.add(new Fact(
                "Materialization", Cell.text(model.effectiveMaterialization().id())));
        out.add(new Fact("Sources", Cell.text(m.sourcesText())));
        out.add(new Fact("Upstream models", Cell.text(String.join(", ", m.upstream()))));
        out.add(new Fact("Used by", Cell.text(String.join(", ", m.downstream()))));
        if (model.description() != null) {
            out.add(new Fact("Description", Cell.text(model.description())));
        }
        if (model.owner() != null) {
            out.add(new Fact("Owner", Cell.text(model.owner())));
        }
        if (!model.tags().isEmpty()) {
            out.add(new Fact("Tags", Cell.text(String.join(", ", model.tags()))));
        }
        if (!model.groupBy().isEmpty()) {
            out.add(new Fact("Group by", Cell.text(String.join(", ", model.groupBy()))));
        }
        out.add(new Fact("Validation", new Cell.Status(m.errors(), m.warnings())));
        return out;
    }

    /** Every output column, with where it comes from ({@link ColumnKind#label()}). */
    public ReviewTable outputColumns() {
        List<List<Cell>> rows = new ArrayList<>();
        for (ColumnRow c : m.columns()) {
            List<Cell> row = new ArrayList<>(columnCells(c));
            row.add(2, Cell.text(c.kind().label()));
            rows.add(row);
        }
        return new ReviewTable(
                "Output columns (" + m.columns().size() + ")",
                List.of(
                        "Column",
                        "Type",
                        "Kind",
                        "From Table",
                        "From Column",
                        "Transform / Formula",
                        "Nullable",
                        "Tests",
                        "Description"),
                rows);
    }

    /** The {@code column_mapping} entries. */
    public ReviewTable columnMappings() {
        List<List<Cell>> rows = new ArrayList<>();
        for (ColumnRow c : m.columns()) {
            if (c.kind() == ColumnKind.MAPPED) {
                rows.add(columnCells(c));
            }
        }
        return new ReviewTable(
                "Column mappings",
                List.of(
                        "Target Column",
                        "Type",
                        "From Table",
                        "From Column",
                        "Transform",
                        "Nullable",
                        "Tests",
                        "Description"),
                rows);
    }

    /** The output columns no mapping or metric declares: group keys, pass-through and SCD2 validity columns. */
    public ReviewTable otherOutputColumns() {
        List<List<Cell>> rows = new ArrayList<>();
        for (ColumnRow c : m.columns()) {
            boolean derived = switch (c.kind()) {
                case GROUP_KEY, PASS_THROUGH, SCD2 -> true;
                case MAPPED, METRIC -> false;
            };
            if (derived) {
                rows.add(List.of(
                        Cell.text(c.name()),
                        Cell.text(c.type()),
                        Cell.text(c.sourceTable()),
                        Cell.text(c.sourceColumn()),
                        Cell.prose(c.description())));
            }
        }
        return new ReviewTable(
                "Other output columns", List.of("Column", "Type", "From Table", "From Column", "Description"), rows);
    }

    /** The metrics. */
    public ReviewTable aggregations() {
        List<List<Cell>> rows = new ArrayList<>();
        for (ColumnRow c : m.columns()) {
            if (c.kind() == ColumnKind.METRIC) {
                rows.add(List.of(
                        Cell.text(c.name()),
                        Cell.text(c.type()),
                        Cell.code(c.written(), c.transform()),
                        Cell.prose(c.tests()),
                        Cell.prose(c.description())));
            }
        }
        return new ReviewTable(
                "Aggregations", List.of("Metric Column", "Type", "Formula", "Tests", "Description"), rows);
    }

    /** The joins, in the order they are applied. */
    public ReviewTable joins() {
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < model.joins().size(); i++) {
            rows.add(joinCells(model.joins().get(i), writtenJoin(m, i)));
        }
        return new ReviewTable("Joins", List.of("Left Table", "Right Table", "Type", "Condition"), rows);
    }

    /** The filters, with what each applies to ({@link SpecReview#filterScope}). */
    public ReviewTable filters() {
        List<List<Cell>> rows = new ArrayList<>();
        List<Filter> written = m.written().filters();
        for (int i = 0; i < model.filters().size(); i++) {
            Filter f = model.filters().get(i);
            String asWritten =
                    written.size() == model.filters().size() ? written.get(i).predicate() : null;
            rows.add(List.of(
                    Cell.text(SpecReview.filterScope(model, f)),
                    Cell.code(asWritten, f.predicate()),
                    Cell.prose(f.rationale())));
        }
        return new ReviewTable("Filters", List.of("Applies To", "Predicate", "Rationale"), rows);
    }

    /** The constraints a reviewer sees, as name and value; a value the spec leaves out is empty. */
    public ReviewTable constraints() {
        Constraints k = model.constraints();
        List<List<Cell>> rows = new ArrayList<>();
        if (k.isScd2()) {
            constraint(rows, "scd_type", "2");
            constraint(rows, "natural_key", String.join(", ", k.naturalKey()));
            constraint(rows, "effective_at", k.effectiveAt());
            constraint(rows, "expiry_at", k.expiryAt());
            constraint(rows, "current_flag", k.currentFlag());
            if (!k.primaryKey().isEmpty()) {
                constraint(rows, "primary_key", String.join(", ", k.primaryKey()));
            }
        } else {
            constraint(rows, "primary_key", String.join(", ", k.primaryKey()));
            constraint(rows, "partition_by", k.partitionBy());
            constraint(rows, "cluster_by", String.join(", ", k.clusterBy()));
            if (k.scdType() != null) {
                constraint(rows, "scd_type", k.scdType().toString());
            }
        }
        return new ReviewTable("Constraints", List.of("Constraint", "Value"), rows);
    }

    private static void constraint(List<List<Cell>> rows, String name, String value) {
        rows.add(List.of(Cell.text(name), Cell.text(value)));
    }

    /** The data tests that run on the model, declared and implied. */
    public ReviewTable dataTests() {
        List<List<Cell>> rows = new ArrayList<>();
        for (TestRow t : m.dataTests()) {
            rows.add(testCells(t).subList(0, 4));
        }
        return new ReviewTable("Data tests", List.of("Column", "Test Type", "Origin", "Checks"), rows);
    }

    /** Every test of the model: its data tests, then its unit tests. */
    public ReviewTable tests() {
        List<List<Cell>> rows = new ArrayList<>();
        for (TestRow t : m.tests()) {
            rows.add(testCells(t));
        }
        return new ReviewTable("Tests", List.of("Column", "Test", "Origin", "Checks", "Description"), rows);
    }

    /** The unit tests, with the inputs they give and how many rows they expect. */
    public ReviewTable unitTests() {
        List<List<Cell>> rows = new ArrayList<>();
        for (UnitTest u : model.unitTests()) {
            rows.add(List.of(
                    Cell.text(u.name()),
                    Cell.prose(u.description()),
                    Cell.prose(given(u)),
                    Cell.number(u.expect().size())));
        }
        return new ReviewTable("Unit tests", List.of("Name", "Description", "Given", "Expected Rows"), rows);
    }

    /** What validation found in the model. */
    public ReviewTable validation() {
        List<List<Cell>> rows = new ArrayList<>();
        for (Diagnostic d : m.diagnostics()) {
            rows.add(List.of(
                    new Cell.Finding(d.severity()),
                    Cell.text(d.code().id()),
                    Cell.text(SpecReview.location(d)),
                    Cell.prose(d.message()),
                    Cell.prose(d.hint())));
        }
        return new ReviewTable("Validation", List.of("Severity", "Code", "Location", "Message", "Hint"), rows);
    }

    /**
     * The cells of an output column as the data dictionary shows it: name, type, from table, from column, transform,
     * nullable, tests, description ({@link ReviewTables#allColumns} after the model and layer).
     */
    static List<Cell> columnCells(ColumnRow c) {
        return List.of(
                Cell.text(c.name()),
                Cell.text(c.type()),
                Cell.text(c.sourceTable()),
                Cell.text(c.sourceColumn()),
                Cell.code(c.written(), c.transform()),
                Cell.text(c.nullable()),
                Cell.prose(c.tests()),
                Cell.prose(c.description()));
    }

    /**
     * The cells of a join: left table, right table, type, condition (as written and expanded when it calls named
     * expressions).
     *
     * @param written the join as written, or null
     */
    static List<Cell> joinCells(Join j, Join written) {
        return List.of(
                Cell.text(j.leftTable()),
                Cell.text(j.rightTable()),
                Cell.text(j.type().name()),
                Cell.code(written == null ? null : written.condition(), j.condition()));
    }

    /** The {@code i}th join of the model as written, or null when the written model does not line up. */
    static Join writtenJoin(ModelReview m, int i) {
        List<Join> written = m.written().joins();
        return written.size() == m.model().joins().size() ? written.get(i) : null;
    }

    /** The cells of a test: column, test, origin, checks, description. */
    static List<Cell> testCells(TestRow t) {
        return List.of(
                Cell.text(t.column()),
                Cell.code(t.testType()),
                Cell.text(t.origin().label()),
                Cell.prose(t.checks()),
                Cell.prose(t.description()));
    }

    /** {@code raw.orders (2 rows), raw.fx (1 row)}. */
    static String given(UnitTest u) {
        List<String> parts = new ArrayList<>();
        for (UnitTest.Input in : u.given()) {
            parts.add(in.input() + " (" + in.rows().size() + (in.rows().size() == 1 ? " row)" : " rows)"));
        }
        return String.join(", ", parts);
    }
}
