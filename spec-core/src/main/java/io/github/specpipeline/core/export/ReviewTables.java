package io.github.specpipeline.core.export;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diff.Change;
import io.github.specpipeline.core.diff.DiffReport;
import io.github.specpipeline.core.export.SpecReview.ColumnKind;
import io.github.specpipeline.core.export.SpecReview.ColumnRow;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.SpecReview.TestRow;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SchemaNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The spec-wide tables of the review, each defined here once: the CSV files {@code 01} to {@code 06} and the
 * workbook sheets of the same names hold exactly these rows, and the HTML page and the site's report pages show
 * {@link #overview} and {@link #validation} with the same columns ({@code CsvWorkbookParityTest} and
 * {@code ReviewTableParityTest} read every format back and compare). Two tables are shown by one format only:
 * {@link #modelList} is {@code 00_overview.csv} and {@link #spec} the workbook's Spec sheet. The tables of one
 * model are {@link ModelTables}.
 *
 * <p>Why {@code 00_overview.csv} is not {@link #overview}: the CSV file set is the original exporters' file set,
 * same names and columns (goal-export.md promises it), so scripts that read it by column name ({@code Model Name},
 * {@code Has Joins}, {@code Has Aggregations}) keep working; the overview every other format shows is the table a
 * reviewer navigates by, with counts instead of flags, neighbours, status and owner. The five columns both have
 * (name, layer, sources, column count, primary key) hold the same values, and {@code CsvWorkbookParityTest}
 * checks that they do.
 */
public final class ReviewTables {
    private ReviewTables() {}

    /** A row of a spec-wide table: the model's name and layer, then {@code cells}. */
    private static List<Cell> ofModel(ModelReview m, List<Cell> cells) {
        List<Cell> row = new ArrayList<>(cells.size() + 2);
        row.add(Cell.text(m.displayName()));
        row.add(Cell.text(m.layer().id()));
        row.addAll(cells);
        return row;
    }

    /** {@code 00_overview.csv}: one row per model, the original exporters' columns. */
    public static ReviewTable modelList(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelReview m : review.models()) {
            rows.add(List.of(
                    Cell.text(m.displayName()),
                    Cell.text(m.layer().id()),
                    Cell.prose(m.sourcesText()),
                    Cell.number(m.columns().size()),
                    Cell.flag(m.hasJoins()),
                    Cell.flag(m.hasAggregations()),
                    Cell.text(String.join(", ", m.model().constraints().primaryKey()))));
        }
        return new ReviewTable(
                "Overview",
                List.of(
                        "Model Name",
                        "Layer",
                        "Source Tables",
                        "Total Columns",
                        "Has Joins",
                        "Has Aggregations",
                        "Primary Key"),
                rows);
    }

    /**
     * The overview of the workbook (its Overview sheet), the HTML page and the site: per model its counts,
     * neighbours and validation status; the name links to the model's sheet, section or page.
     */
    public static ReviewTable overview(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelReview m : review.models()) {
            Model model = m.model();
            rows.add(List.of(
                    new Cell.ModelName(m.displayName(), m.key()),
                    Cell.text(m.layer().id()),
                    Cell.text(model.effectiveMaterialization().id()),
                    Cell.prose(m.sourcesText()),
                    Cell.number(m.columns().size()),
                    Cell.number(model.joins().size()),
                    Cell.number(model.filters().size()),
                    Cell.number(model.aggregations().size()),
                    Cell.number(m.dataTests().size()),
                    Cell.number(model.unitTests().size()),
                    Cell.text(String.join(", ", model.constraints().primaryKey())),
                    Cell.prose(String.join(", ", m.upstream())),
                    Cell.prose(String.join(", ", m.downstream())),
                    new Cell.Status(m.errors(), m.warnings()),
                    Cell.number(m.errors()),
                    Cell.number(m.warnings()),
                    Cell.text(model.owner()),
                    Cell.prose(model.description())));
            review.approval().ifPresent(states -> {
                List<Cell> row = new ArrayList<>(rows.remove(rows.size() - 1));
                row.add(Cell.prose(states.getOrDefault(m.name(), "not approved")));
                rows.add(List.copyOf(row));
            });
        }
        List<String> header = new ArrayList<>(List.of(
                "Model",
                "Layer",
                "Materialization",
                "Sources",
                "Columns",
                "Joins",
                "Filters",
                "Aggregations",
                "Tests",
                "Unit Tests",
                "Primary Key",
                "Upstream Models",
                "Used By",
                "Validation",
                "Errors",
                "Warnings",
                "Owner",
                "Description"));
        // only with an approval file: the exports of a spec without one keep their columns, byte for byte
        review.approval().ifPresent(states -> header.add("Approval"));
        return new ReviewTable("Overview", header, rows);
    }

    /**
     * The workbook's Spec sheet: the spec's schemas, sizes and status.
     *
     * @param modelSheetsNote why the workbook has no model sheets, or null when it has them
     */
    public static ReviewTable spec(SpecReview review, String modelSheetsNote) {
        SchemaNames schema = review.validated().spec().schema();
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(List.of(Cell.text("Spec file"), Cell.text(review.specFile())));
        rows.add(List.of(Cell.text("Raw schema"), Cell.text(schema.raw())));
        rows.add(List.of(Cell.text("Staging schema"), Cell.text(schema.staging())));
        rows.add(List.of(Cell.text("Final schema"), Cell.text(schema.finalSchema())));
        rows.add(List.of(Cell.text("Models"), Cell.number(review.models().size())));
        rows.add(List.of(Cell.text("Output columns"), Cell.number(review.columnCount())));
        rows.add(List.of(
                Cell.text("Source DDL tables"),
                review.validated()
                        .sourceCatalog()
                        .<Cell>map(c -> Cell.number(c.size()))
                        .orElse(Cell.text("no source DDL given"))));
        rows.add(List.of(
                Cell.text("Validation"),
                new Cell.Status(review.count(Severity.ERROR), review.count(Severity.WARNING))));
        if (modelSheetsNote != null) {
            rows.add(List.of(Cell.text("Model sheets"), Cell.prose(modelSheetsNote)));
        }
        rows.add(List.of(Cell.text("Generated by"), Cell.text("spec-pipeline " + Version.get())));
        return new ReviewTable("Spec", List.of("Property", "Value"), rows);
    }

    /** Every finding of validation ({@code 06_validation.csv}, sheet Validation). */
    public static ReviewTable validation(SpecReview review) {
        return findings(review.diagnostics(), review::modelOf);
    }

    /**
     * Findings in the shape of {@link #validation}: the site shows them so even for a spec that could not be read
     * (no review), and a part of them on its overview.
     *
     * @param modelOf the model a finding is located in, or empty
     */
    public static ReviewTable findings(
            List<Diagnostic> diagnostics, Function<Diagnostic, Optional<ModelReview>> modelOf) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            rows.add(List.of(
                    new Cell.Finding(d.severity()),
                    Cell.text(d.code().id()),
                    Cell.text(SpecReview.location(d)),
                    Cell.text(d.pointer()),
                    modelOf.apply(d)
                            .<Cell>map(m -> new Cell.ModelName(m.displayName(), m.key()))
                            .orElse(Cell.text("")),
                    Cell.prose(d.message()),
                    Cell.prose(d.hint())));
        }
        return new ReviewTable(
                "Validation",
                List.of("Severity", "Code", "Location", "JSON Pointer", "Model", "Message", "Hint"),
                rows);
    }

    /** The data dictionary: every output column of every model ({@code 01_all_columns.csv}, sheet All Columns). */
    public static ReviewTable allColumns(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelReview m : review.models()) {
            for (ColumnRow c : m.columns()) {
                rows.add(ofModel(m, ModelTables.columnCells(c)));
            }
        }
        return new ReviewTable(
                "All Columns",
                List.of(
                        "Model",
                        "Layer",
                        "Column Name",
                        "Type",
                        "Source Table",
                        "Source Column",
                        "Transform",
                        "Nullable",
                        "Tests",
                        "Description"),
                rows);
    }

    /** Every transform and metric formula ({@code 02_all_transforms.csv}, sheet Transforms). */
    public static ReviewTable transforms(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelReview m : review.models()) {
            for (ColumnRow c : m.columns()) {
                if (c.transform() != null) {
                    rows.add(List.of(
                            Cell.text(m.displayName()),
                            Cell.text(c.name()),
                            Cell.text(c.kind() == ColumnKind.METRIC ? "Aggregation" : "Column Transform"),
                            Cell.code(c.written(), c.transform()),
                            Cell.prose(c.description())));
                }
            }
        }
        return new ReviewTable(
                "Transforms", List.of("Model", "Column", "Type", "Transform Logic", "Description"), rows);
    }

    /** Every join ({@code 03_all_joins.csv}, sheet Joins). */
    public static ReviewTable joins(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelReview m : review.models()) {
            for (int i = 0; i < m.model().joins().size(); i++) {
                rows.add(ofModel(m, ModelTables.joinCells(m.model().joins().get(i), ModelTables.writtenJoin(m, i))));
            }
        }
        return new ReviewTable(
                "Joins", List.of("Model", "Layer", "Left Table", "Right Table", "Join Type", "Join Condition"), rows);
    }

    /** Every test that runs, data and unit tests ({@code 04_all_tests.csv}, sheet Tests). */
    public static ReviewTable tests(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelReview m : review.models()) {
            for (TestRow t : m.tests()) {
                rows.add(ofModel(m, ModelTables.testCells(t)));
            }
        }
        return new ReviewTable(
                "Tests", List.of("Model", "Layer", "Column", "Test Type", "Origin", "Checks", "Description"), rows);
    }

    /**
     * Per model what it reads and which models read it ({@code 05_data_lineage.csv}, sheet Data Lineage). The
     * original exporters' four columns: the sources already name the upstream models (an unqualified source is a
     * model), and the Overview sheet and each model's sheet list them apart.
     */
    public static ReviewTable lineage(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelReview m : review.models()) {
            rows.add(List.of(
                    Cell.text(m.displayName()),
                    Cell.text(m.layer().id()),
                    Cell.prose(m.sourcesText()),
                    Cell.prose(String.join(", ", m.downstream()))));
        }
        return new ReviewTable(
                "Data Lineage", List.of("Model", "Layer", "Depends On (Sources)", "Used By (Downstream)"), rows);
    }

    /**
     * The named expressions of the spec and of each model ({@code 08_named_expressions.csv}, sheet Named
     * Expressions, the HTML page's and the site's Named expressions section): shown only when the spec defines any,
     * so the exports of a spec without them keep their files and sheets. The spec's first, then each model's, each
     * by name; the fragments that call one show it as written and expanded ({@link Cell#code(String, String)}).
     */
    public static ReviewTable namedExpressions(SpecReview review) {
        List<List<Cell>> rows = new ArrayList<>();
        for (NamedExpressionUses.Definition d : NamedExpressionUses.of(review)) {
            List<String> parameters = new ArrayList<>();
            for (int i = 0; i < d.arity(); i++) {
                parameters.add("{" + i + "}");
            }
            rows.add(List.of(
                    d.model() == null
                            ? Cell.text("spec")
                            : new Cell.ModelName(
                                    d.model().displayName(), d.model().key()),
                    Cell.code(d.name()),
                    Cell.text(String.join(", ", parameters)),
                    Cell.code(d.body()),
                    Cell.prose(d.usedIn().isEmpty() ? "not used" : String.join(", ", d.usedIn()))));
        }
        return new ReviewTable(
                "Named Expressions", List.of("Defined In", "Name", "Parameters", "Body", "Used In"), rows);
    }

    /**
     * Every change against the base ({@code 07_changes.csv}, sheet Changes, the HTML page's Changes section): shown
     * only when the export was given a base. The same rows and columns as the diff goal's {@code report.md}.
     */
    public static ReviewTable changes(SpecReview review) {
        return changes(review, review.changes());
    }

    /** The rows of {@link #changes(SpecReview)} for some of the changes (one model's, on its page). */
    public static ReviewTable changes(SpecReview review, List<Change> changes) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Change c : changes) {
            rows.add(List.of(
                    Cell.text(c.model()),
                    Cell.text(c.column()),
                    Cell.text(c.kind().id().replace('_', ' ')),
                    Cell.text(c.category().id()),
                    Cell.prose(c.before()),
                    Cell.prose(c.after()),
                    Cell.prose(DiffReport.impacted(c))));
        }
        return new ReviewTable(
                "Changes",
                List.of("Model", "Column", "Change", "Category", "Before", "After", "Impacted Downstream"),
                rows);
    }
}
