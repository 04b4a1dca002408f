package io.github.specpipeline.core.report;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diff.Change;
import io.github.specpipeline.core.diff.DiffReport;
import io.github.specpipeline.core.export.ModelTables;
import io.github.specpipeline.core.export.ReviewTable;
import io.github.specpipeline.core.export.ReviewTables;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.mermaid.MermaidRenderer;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.report.Block.Cell;
import io.github.specpipeline.core.report.Block.Code;
import io.github.specpipeline.core.report.Block.Diagram;
import io.github.specpipeline.core.report.Block.ItemList;
import io.github.specpipeline.core.report.Block.Paragraph;
import io.github.specpipeline.core.report.Block.Section;
import io.github.specpipeline.core.report.Block.Table;
import io.github.specpipeline.core.report.TestReports.Status;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the report's pages from a loaded spec, the test results and what other goals contribute. Pure: the
 * same inputs give the same pages, in the same order.
 */
public final class ReportBuilder {
    private final String specFile;
    private final List<Diagnostic> diagnostics;
    private final ValidatedSpec spec;
    private final TestReports tests;
    private final ReportExtras extras;
    private final ReportLayout layout;

    /** The review view every export renders; its keys name the model pages. */
    private final SpecReview review;
    /** The review diagrams (pipeline, per model flow and lineage), drawn by the export's Mermaid renderer. */
    private final MermaidRenderer.Diagrams diagrams;

    private final Map<Integer, SpecReview.ModelReview> reviews = new java.util.HashMap<>();
    private final Map<String, SpecReview.ModelReview> byKey = new java.util.HashMap<>();

    /** For the tables of one model's page: they name no other model. */
    private static final Function<String, Optional<String>> NO_LINKS = key -> Optional.empty();

    private ReportBuilder(
            String specFile, List<Diagnostic> diagnostics, SpecReview review, TestReports tests, ReportExtras extras) {
        this.specFile = specFile;
        this.diagnostics = List.copyOf(diagnostics);
        this.review = review;
        this.spec = review == null ? null : review.validated();
        this.tests = tests == null ? TestReports.NONE : tests;
        this.extras = extras == null ? ReportExtras.NONE : extras;
        this.layout = ReportLayout.of(review);
        this.diagrams = review == null ? null : MermaidRenderer.render(review);
        if (review != null) {
            review.models().forEach(m -> {
                reviews.put(m.model().index(), m);
                byKey.put(m.key(), m);
            });
        }
    }

    /**
     * The report's pages: the overview first, then one page per model in spec order, then the diagnostics.
     *
     * @param specFile    the spec's file name as shown in diagnostics
     * @param diagnostics everything validation found
     * @param review      the reviewed spec (see {@link SpecReview#of}), empty when the file could not be read or bound
     */
    public static List<ReportPage> build(
            String specFile,
            List<Diagnostic> diagnostics,
            Optional<SpecReview> review,
            TestReports tests,
            ReportExtras extras) {
        ReportBuilder b = new ReportBuilder(specFile, diagnostics, review.orElse(null), tests, extras);
        List<ReportPage> pages = new ArrayList<>();
        pages.add(b.overview());
        if (b.spec != null) {
            for (Model m : b.spec.spec().models()) {
                pages.add(b.modelPage(m));
            }
        }
        pages.add(b.diagnosticsPage());
        return pages;
    }

    // ---------------------------------------------------------------- overview

    private ReportPage overview() {
        String page = ReportLayout.OVERVIEW;
        List<Block> body = new ArrayList<>();
        body.add(para(
                Inline.text("The pipeline as its spec "),
                Inline.code(specFile),
                Inline.text(
                        " describes it: models, sources, validation and test results. The spec is the source of truth; "
                                + "these pages are generated from it on every site build.")));
        body.add(new Section("summary", "Summary", summary(page)));
        if (spec != null && !spec.spec().models().isEmpty()) {
            List<Block> pipeline = new ArrayList<>();
            pipeline.add(
                    para(Inline.text("Raw tables feed the staging models, which feed the final models: an arrow goes "
                            + "from a source to the model that reads it.")));
            pipeline.addAll(diagramsOr(diagrams.pipeline(), "Nothing to draw."));
            body.add(new Section("pipeline", "Pipeline", pipeline));
            body.add(new Section("models", "Models", List.of(inventory(page))));
            ReviewTable named = ReviewTables.namedExpressions(review);
            if (!named.isEmpty()) {
                // only for a spec that defines them: the overview of one without stays as it was
                body.add(new Section(
                        "named-expressions",
                        "Named expressions",
                        List.of(
                                para(
                                        Inline.text("Fragments call them as "),
                                        Inline.code("@name(...)"),
                                        Inline.text("; the model pages show such a fragment as written and, on its "
                                                + "second line, the SQL it expands to, which is what runs.")),
                                ReviewBlocks.table(named, modelHref(page)))));
            }
        }
        body.add(new Section("validation", "Validation", validation(page)));
        if (review != null && review.base().isPresent()) {
            body.add(new Section("changes", "Changes", changes(ReviewTables.changes(review), review.changes())));
        }
        body.add(new Section("test-results", "Test results", testResults(page)));
        body.add(new Section("review-files", "Review files", downloads(page)));
        return new ReportPage(page, "Pipeline spec", body);
    }

    /** The changes against the base (the report's {@code specpipeline.base}): a summary line, then the table. */
    private List<Block> changes(ReviewTable table, List<Change> changes) {
        List<Block> out = new ArrayList<>();
        out.add(para(
                Inline.text("Against "),
                Inline.code(review.base().orElse("")),
                Inline.text(": " + DiffReport.summary(changes) + ".")));
        if (!table.isEmpty()) {
            out.add(ReviewBlocks.table(table, NO_LINKS));
        }
        return out;
    }

    private List<Block> summary(String page) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(List.of(Cell.text("Spec file"), Cell.code(specFile)));
        if (spec != null) {
            Spec s = spec.spec();
            long staging =
                    s.models().stream().filter(m -> m.layer() == Layer.STAGING).count();
            long fin = s.models().stream().filter(m -> m.layer() == Layer.FINAL).count();
            rows.add(List.of(
                    Cell.text("Models"),
                    Cell.text(s.models().size() + " (" + staging + " staging, " + fin + " final)")));
            rows.add(List.of(
                    Cell.text("Schemas"),
                    Cell.of(
                            Inline.text("raw "),
                            Inline.code(s.schema().raw()),
                            Inline.text(", staging "),
                            Inline.code(s.schema().staging()),
                            Inline.text(", final "),
                            Inline.code(s.schema().finalSchema()))));
            rows.add(List.of(
                    Cell.text("Data tests"),
                    Cell.text(Long.toString(
                            s.models().stream().mapToLong(this::dataTestCount).sum()))));
            rows.add(List.of(
                    Cell.text("Unit tests"),
                    Cell.text(Long.toString(s.models().stream()
                            .mapToLong(m -> m.unitTests().size())
                            .sum()))));
        }
        rows.add(List.of(
                Cell.text("Validation"),
                Cell.of(
                        validationStatus(),
                        Inline.text(" "),
                        new Inline.Link(ReportLayout.pageHref(page, ReportLayout.DIAGNOSTICS), "(all findings)"))));
        rows.add(List.of(Cell.text("Test results"), Cell.text(testSummary())));
        return List.of(new Table(List.of("Item", "Value"), rows));
    }

    private Inline validationStatus() {
        long errors = count(diagnostics, Severity.ERROR);
        long warnings = count(diagnostics, Severity.WARNING);
        String counts = plural(errors, "error") + ", " + plural(warnings, "warning");
        if (spec == null) {
            return new Inline.Strong("not readable: " + counts);
        }
        return new Inline.Strong((errors > 0 ? "invalid: " : "valid: ") + counts);
    }

    private String testSummary() {
        if (tests.suites().isEmpty()) {
            return "not run (no JUnit XML reports found)";
        }
        return plural(tests.total(), "test") + ": " + tests.count(Status.PASSED) + " passed, "
                + tests.count(Status.FAILED) + " failed, " + tests.count(Status.ERROR) + " in error, "
                + tests.count(Status.SKIPPED) + " skipped";
    }

    /**
     * The review's overview table (the workbook's Overview sheet and the HTML page show it too), with the test
     * results appended: only the site reads the {@code test} goal's reports.
     */
    private Block inventory(String page) {
        List<List<Cell>> results = new ArrayList<>();
        for (SpecReview.ModelReview m : review.models()) {
            results.add(List.of(Cell.text(results(m.name()))));
        }
        return ReviewBlocks.table(ReviewTables.overview(review), modelHref(page), List.of("Test results"), results);
    }

    /** The link from {@code page} to a model's page, by the model's review key. */
    private Function<String, Optional<String>> modelHref(String page) {
        return key ->
                Optional.ofNullable(byKey.get(key)).map(m -> ReportLayout.pageHref(page, layout.modelPage(m.model())));
    }

    private List<Block> validation(String page) {
        List<Block> out = new ArrayList<>();
        out.add(para(
                Inline.text("Validation of "),
                Inline.code(specFile),
                Inline.text(": "),
                validationStatus(),
                Inline.text(". ")));
        if (spec == null) {
            out.add(para(Inline.text(
                    "The spec could not be read, so there is nothing else to show. The findings say why.")));
        }
        List<Diagnostic> errors =
                diagnostics.stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            out.add(para(Inline.text("Errors:")));
            out.add(diagnosticTable(page, errors.subList(0, Math.min(errors.size(), 20))));
            if (errors.size() > 20) {
                out.add(para(Inline.text("... and " + (errors.size() - 20) + " more.")));
            }
        }
        out.add(para(
                new Inline.Link(ReportLayout.pageHref(page, ReportLayout.DIAGNOSTICS), "All findings"),
                Inline.text(" (errors, warnings and notes, with their position in the spec and a hint)")));
        return out;
    }

    private List<Block> testResults(String page) {
        List<Block> out = new ArrayList<>();
        if (tests.suites().isEmpty()) {
            out.add(para(
                    Inline.text("No test results. They come from the JUnit XML reports the "),
                    Inline.code("test"),
                    Inline.text(" goal writes under "),
                    Inline.code("<outputDirectory>/" + TestReports.FOLDER),
                    Inline.text("; run it before the site (for example "),
                    Inline.code("mvn verify site"),
                    Inline.text(" with the test goal bound) to show them here.")));
        } else {
            out.add(para(
                    Inline.text("From the last run of the "),
                    Inline.code("test"),
                    Inline.text(" goal: " + testSummary() + ".")));
            List<List<Cell>> rows = new ArrayList<>();
            for (TestReports.Suite s : tests.suites()) {
                Optional<Model> m =
                        spec == null ? Optional.empty() : spec.spec().model(s.model());
                Cell model = m.isPresent()
                        ? Cell.of(new Inline.Link(
                                ReportLayout.pageHref(page, layout.modelPage(m.get())) + "#test-results", s.model()))
                        : Cell.text(s.model() + " (not in the spec)");
                rows.add(List.of(
                        model,
                        Cell.code(s.name()),
                        Cell.text(Integer.toString(s.cases().size())),
                        Cell.text(Long.toString(s.count(Status.PASSED))),
                        Cell.text(Long.toString(s.count(Status.FAILED))),
                        Cell.text(Long.toString(s.count(Status.ERROR))),
                        Cell.text(Long.toString(s.count(Status.SKIPPED)))));
            }
            out.add(new Table(List.of("Model", "Suite", "Tests", "Passed", "Failed", "Errors", "Skipped"), rows));
        }
        if (!tests.problems().isEmpty()) {
            out.add(para(Inline.text("Reports that could not be read:")));
            out.add(new ItemList(
                    tests.problems().stream().map(p -> List.of(Inline.text(p))).toList()));
        }
        return out;
    }

    private List<Block> downloads(String page) {
        List<Block> out = new ArrayList<>();
        if (extras.downloads().isEmpty()) {
            out.add(para(Inline.text("No review files are published with this report.")));
        } else {
            out.add(para(
                    Inline.text("The spec for review, as the "),
                    Inline.code("export"),
                    Inline.text(" goal writes it: a workbook and CSV files (UTF-8, RFC 4180) to download.")));
            List<List<Cell>> rows = new ArrayList<>();
            for (ReportExtras.Download d : extras.downloads()) {
                rows.add(List.of(
                        Cell.of(new Inline.Link(ReportLayout.href(page, d.path()), d.label())),
                        Cell.text(d.description())));
            }
            out.add(new Table(List.of("File", "Content"), rows));
        }
        for (String note : extras.notes()) {
            out.add(para(Inline.text(note)));
        }
        return out;
    }

    /** The review CSV file of a model, when the review files are published. */
    private Optional<ReportExtras.Download> modelDownload(Model m) {
        SpecReview.ModelReview r = reviews.get(m.index());
        String file = "/csv/model_" + r.key() + ".csv";
        return extras.downloads().stream().filter(d -> d.path().endsWith(file)).findFirst();
    }

    // ---------------------------------------------------------------- model pages

    private ReportPage modelPage(Model m) {
        String page = layout.modelPage(m);
        List<Block> body = new ArrayList<>();
        body.add(para(
                new Inline.Link(ReportLayout.pageHref(page, ReportLayout.OVERVIEW), "Pipeline spec"),
                Inline.text(" / model "),
                Inline.code(m.name())));
        if (m.description() != null && !m.description().isBlank()) {
            body.add(para(Inline.text(m.description())));
        }
        body.add(new Section("summary", "Summary", List.of(modelSummary(page, m))));
        if (review != null
                && review.base().isPresent()
                && !review.changesOf(m.name()).isEmpty()) {
            // the model's own rows of the overview's Changes table, right under its summary
            List<Change> own = review.changesOf(m.name());
            body.add(new Section("changes", "Changes", changes(ReviewTables.changes(review, own), own)));
        }
        MermaidRenderer.ModelDiagrams drawn = diagrams.of(reviews.get(m.index()));
        List<Block> flow = new ArrayList<>();
        flow.add(
                para(Inline.text("How the model's rows are made: its sources, filters, joins, grouping and transforms, "
                        + "down to its output columns.")));
        flow.addAll(diagramsOr(drawn.flow(), "Nothing to draw."));
        body.add(new Section("flow", "Flow", flow));
        body.add(new Section("columns", "Column mapping", columns(m)));
        body.add(new Section("joins", "Joins", joins(m)));
        body.add(new Section("filters", "Filters", filters(m)));
        body.add(new Section("aggregations", "Aggregations", aggregations(m)));
        List<Block> lineage = new ArrayList<>();
        if (drawn.lineage().isEmpty()) {
            lineage.add(para(Inline.text("No output column reads a known source column.")));
        } else {
            lineage.add(para(Inline.text(
                    "Each output column with the source columns it reads; an edge carries the " + "transform.")));
            lineage.addAll(diagramsOr(drawn.lineage(), ""));
        }
        body.add(new Section("lineage", "Column lineage", lineage));
        body.add(new Section("tests", "Tests", tests(m)));
        body.add(new Section("test-results", "Test results", modelResults(m)));
        body.add(new Section("generated-code", "Generated code", code(m)));
        body.add(new Section("diagnostics", "Diagnostics", modelDiagnostics(m)));
        return new ReportPage(page, "Model " + m.name(), body);
    }

    private Block modelSummary(String page, Model m) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(List.of(
                Cell.text("Layer"), Cell.text(m.layer() == null ? "" : m.layer().id())));
        if (m.layer() != null) {
            rows.add(List.of(Cell.text("Table"), Cell.code(spec.spec().schema().of(m.layer()) + "." + m.name())));
        }
        rows.add(List.of(
                Cell.text("Materialization"),
                Cell.text(m.effectiveMaterialization().id() + (m.materialization() == null ? " (default)" : ""))));
        if (m.owner() != null && !m.owner().isEmpty()) {
            rows.add(List.of(Cell.text("Owner"), Cell.text(m.owner())));
        }
        if (!m.tags().isEmpty()) {
            rows.add(List.of(Cell.text("Tags"), Cell.text(String.join(", ", m.tags()))));
        }
        List<Inline> sources = new ArrayList<>();
        for (SourceRef s : m.inputs()) {
            if (!sources.isEmpty()) {
                sources.add(Inline.text(", "));
            }
            sources.add(sourceLink(page, s));
        }
        rows.add(List.of(Cell.text("Sources"), new Cell(sources)));
        List<Inline> readers = new ArrayList<>();
        for (String down : spec.graph().downstream(m.name())) {
            if (!readers.isEmpty()) {
                readers.add(Inline.text(", "));
            }
            Optional<Model> dm = spec.spec().model(down);
            readers.add(dm.<Inline>map(x -> new Inline.Link(ReportLayout.pageHref(page, layout.modelPage(x)), down))
                    .orElse(Inline.code(down)));
        }
        rows.add(List.of(Cell.text("Read by"), readers.isEmpty() ? Cell.text("no model") : new Cell(readers)));
        Constraints c = m.constraints();
        if (!c.primaryKey().isEmpty()) {
            rows.add(List.of(Cell.text("Primary key"), Cell.code(String.join(", ", c.primaryKey()))));
        }
        if (c.partitionBy() != null) {
            rows.add(List.of(Cell.text("Partition by"), Cell.code(c.partitionBy())));
        }
        if (!c.clusterBy().isEmpty()) {
            rows.add(List.of(Cell.text("Cluster by"), Cell.code(String.join(", ", c.clusterBy()))));
        }
        if (c.isScd2()) {
            rows.add(List.of(
                    Cell.text("History"),
                    Cell.of(
                            Inline.text("SCD type 2 on natural key "),
                            Inline.code(String.join(", ", c.naturalKey())),
                            Inline.text("; validity "),
                            Inline.code(nullToEmpty(c.effectiveAt())),
                            Inline.text(" to "),
                            Inline.code(nullToEmpty(c.expiryAt())),
                            Inline.text(", current flag "),
                            Inline.code(nullToEmpty(c.currentFlag())))));
        }
        modelDownload(m)
                .ifPresent(d -> rows.add(List.of(
                        Cell.text("Review file"),
                        Cell.of(new Inline.Link(ReportLayout.href(page, d.path()), d.label())))));
        rows.add(List.of(
                Cell.text("Validation"),
                Cell.of(
                        Inline.text(findings(spec.diagnosticsOf(m)) + " "),
                        new Inline.Link("#diagnostics", "(details)"))));
        rows.add(List.of(
                Cell.text("Test results"),
                Cell.of(Inline.text(results(m.name()) + " "), new Inline.Link("#test-results", "(details)"))));
        return new Table(List.of("Item", "Value"), rows);
    }

    private List<Block> columns(Model m) {
        ModelTables tables = tables(m);
        List<Block> blocks = new ArrayList<>();
        if (m.columns().isEmpty()) {
            if (!m.aggregations().isEmpty()) {
                blocks.add(para(
                        Inline.text("No column mapping: the model outputs its group keys and metrics (see "),
                        new Inline.Link("#aggregations", "Aggregations"),
                        Inline.text(").")));
            } else {
                blocks.add(para(Inline.text(
                        tables.outputColumns().isEmpty()
                                ? "No column mapping, and the columns of the source are not known."
                                : "No column mapping: the columns pass through from the source.")));
            }
        } else {
            blocks.add(para(
                    Inline.text("Each output column, where it comes from and how. In a transform, "),
                    Inline.code("{from}"),
                    Inline.text(" stands for the source column.")));
        }
        if (!tables.outputColumns().isEmpty()) {
            blocks.add(ReviewBlocks.table(tables.outputColumns(), NO_LINKS));
        }
        return blocks;
    }

    private List<Block> joins(Model m) {
        if (m.joins().isEmpty()) {
            return List.of(para(Inline.text(
                    m.relations().size() > 1
                            ? "The sources are not joined: each metric is computed from the source it reads, and the results are "
                                    + "combined on the group keys."
                            : "No joins: the model reads one source.")));
        }
        return List.of(
                para(Inline.text("Applied in this order.")),
                ReviewBlocks.table(tables(m).joins(), NO_LINKS));
    }

    private List<Block> filters(Model m) {
        if (m.filters().isEmpty()) {
            return List.of(para(Inline.text("No filters: every row is kept.")));
        }
        return List.of(ReviewBlocks.table(tables(m).filters(), NO_LINKS));
    }

    private List<Block> aggregations(Model m) {
        if (m.aggregations().isEmpty()) {
            return List.of(para(Inline.text("No aggregations.")));
        }
        List<Block> out = new ArrayList<>();
        out.add(
                m.groupBy().isEmpty()
                        ? para(Inline.text("No group_by: the plain output columns are the group keys."))
                        : para(
                                Inline.text("Grouped by "),
                                Inline.code(String.join(", ", m.groupBy())),
                                Inline.text(".")));
        out.add(ReviewBlocks.table(tables(m).aggregations(), NO_LINKS));
        return out;
    }

    /** The review's tables of a model. */
    private ModelTables tables(Model m) {
        return ModelTables.of(reviews.get(m.index()));
    }

    /**
     * The review's tests of the model (data tests, then unit tests), with the name each has in the JUnit reports
     * and its last result appended: only the site reads those reports.
     */
    private List<Block> tests(Model m) {
        List<Block> out = new ArrayList<>();
        SpecReview.ModelReview r = reviews.get(m.index());
        List<SpecReview.TestRow> rows = r.tests();
        boolean derived = r.dataTests().stream().allMatch(t -> t.id() != null);
        if (rows.isEmpty()) {
            out.add(para(Inline.text("No tests.")));
        } else {
            out.add(para(Inline.text(
                    derived
                            ? "Every target runs these tests: the declared ones, those the spec implies (not null "
                                    + "columns, keys, SCD2 history) and the unit tests."
                            : "The spec has errors, so no test runs: these are the declared tests.")));
            List<List<Cell>> extra = new ArrayList<>();
            for (SpecReview.TestRow t : rows) {
                String name = derived ? resultName(m, t) : null;
                extra.add(List.of(Cell.code(name), name == null ? Cell.text("not run") : resultCell(m.name(), name)));
            }
            out.add(ReviewBlocks.table(tables(m).tests(), NO_LINKS, List.of("Name", "Last result"), extra));
        }
        out.add(new Section("unit-tests", "Unit tests", unitTests(m)));
        return out;
    }

    /** The name a test's result has in the JUnit reports of the {@code test} goal. */
    private static String resultName(Model m, SpecReview.TestRow t) {
        return switch (t.origin()) {
            // the test goal names a unit test's result unit_test__<model>__<name>
            case UNIT -> "unit_test__" + m.name() + "__" + nullToEmpty(t.checks());
            case DECLARED, IMPLIED -> t.id();
        };
    }

    /** The model's data tests as the review lists them. */
    private List<SpecReview.TestRow> dataTests(Model m) {
        SpecReview.ModelReview r = reviews.get(m.index());
        return r == null ? List.of() : r.dataTests();
    }

    private List<Block> unitTests(Model m) {
        List<Block> unit = new ArrayList<>();
        if (m.unitTests().isEmpty()) {
            unit.add(para(Inline.text("No unit tests.")));
        } else {
            unit.add(
                    para(Inline.text("The model alone runs on the given rows; its output must equal the expected rows, "
                            + "in any order.")));
            unit.add(ReviewBlocks.table(tables(m).unitTests(), NO_LINKS));
            int i = 0;
            for (UnitTest u : m.unitTests()) {
                List<Block> ub = new ArrayList<>();
                if (u.description() != null && !u.description().isBlank()) {
                    ub.add(para(Inline.text(u.description())));
                }
                for (UnitTest.Input in : u.given()) {
                    ub.add(para(
                            Inline.text("Given "),
                            Inline.code(nullToEmpty(in.input())),
                            Inline.text(": " + plural(in.rows().size(), "row"))));
                    rowsTable(in.rows()).ifPresent(ub::add);
                }
                ub.add(para(Inline.text("Expected: " + plural(u.expect().size(), "row"))));
                rowsTable(u.expect()).ifPresent(ub::add);
                if (!tests.suites().isEmpty()) {
                    // the test goal names a unit test's result unit_test__<model>__<name>
                    String name = "unit_test__" + m.name() + "__" + nullToEmpty(u.name());
                    ub.add(new Paragraph(List.of(
                            Inline.text("Last result: "),
                            result(m.name(), name)
                                    .<Inline>map(
                                            c -> new Inline.Strong(c.status().label()))
                                    .orElse(Inline.text("not in the reports")))));
                }
                unit.add(new Section("unit-test-" + i++, "Unit test " + nullToEmpty(u.name()), ub));
            }
        }
        return unit;
    }

    /** The last result of a test of the model, by its name in the JUnit XML reports. */
    private Optional<TestReports.Case> result(String model, String name) {
        for (TestReports.Suite s : tests.of(model)) {
            for (TestReports.Case c : s.cases()) {
                if (c.name().equals(name)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    private Cell resultCell(String model, String name) {
        if (tests.suites().isEmpty()) {
            return Cell.text("not run");
        }
        return result(model, name)
                .map(c -> Cell.of(new Inline.Strong(c.status().label())))
                .orElse(Cell.text("not in the reports"));
    }

    private static Optional<Block> rowsTable(List<Map<String, Literal>> rows) {
        Set<String> header = new LinkedHashSet<>();
        rows.forEach(r -> header.addAll(r.keySet()));
        if (header.isEmpty()) {
            return Optional.empty();
        }
        List<List<Cell>> cells = new ArrayList<>();
        for (Map<String, Literal> r : rows) {
            List<Cell> row = new ArrayList<>();
            for (String h : header) {
                Literal l = r.get(h);
                row.add(
                        l == null
                                ? Cell.text("")
                                : l.isNull() ? Cell.of(new Inline.Strong("NULL")) : Cell.code(l.text()));
            }
            cells.add(row);
        }
        return Optional.of(new Table(List.copyOf(header), cells));
    }

    private List<Block> modelResults(Model m) {
        List<TestReports.Suite> suites = tests.of(m.name());
        if (suites.isEmpty()) {
            return List.of(para(Inline.text(
                    tests.suites().isEmpty()
                            ? "Not run: no JUnit XML reports were found (see the overview)."
                            : "The test reports have no suite for this model.")));
        }
        List<Block> out = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        List<Block> failures = new ArrayList<>();
        for (TestReports.Suite s : suites) {
            for (TestReports.Case c : s.cases()) {
                if (c.status() == Status.PASSED) {
                    continue;
                }
                rows.add(List.of(
                        Cell.code(c.name()),
                        Cell.of(new Inline.Strong(c.status().label())),
                        Cell.text(c.message())));
                if ((c.status() == Status.FAILED || c.status() == Status.ERROR)
                        && !c.detail().isEmpty()) {
                    failures.add(para(
                            Inline.code(c.name()), Inline.text(" " + c.status().label() + ":")));
                    failures.add(new Code("", c.detail()));
                }
            }
        }
        out.add(para(
                Inline.text(results(m.name()) + ", from the last run of the "),
                Inline.code("test"),
                Inline.text(" goal" + (rows.isEmpty() ? "." : ". The tests that did not pass:"))));
        if (!rows.isEmpty()) {
            out.add(new Table(List.of("Test", "Result", "Message"), rows));
        }
        if (!failures.isEmpty()) {
            out.add(new Section("failures", "Failures", failures));
        }
        return out;
    }

    private List<Block> code(Model m) {
        List<ReportExtras.CodeFile> files = extras.generatedCode().getOrDefault(m.name(), List.of());
        if (files.isEmpty()) {
            return List.of(para(Inline.text("No generated code is shown for this model.")));
        }
        Map<String, List<Block>> byTarget = new java.util.LinkedHashMap<>();
        for (ReportExtras.CodeFile f : files) {
            List<Block> blocks = byTarget.computeIfAbsent(f.target(), t -> new ArrayList<>());
            blocks.add(para(Inline.code(f.path())));
            blocks.add(new Code(f.language(), f.content()));
        }
        List<Block> out = new ArrayList<>();
        byTarget.forEach((target, blocks) -> out.add(new Section("code-" + safeId(target), target, blocks)));
        return out;
    }

    private List<Block> modelDiagnostics(Model m) {
        ReviewTable own = tables(m).validation();
        if (own.isEmpty()) {
            return List.of(para(Inline.text("No findings for this model.")));
        }
        return List.of(ReviewBlocks.table(own, NO_LINKS));
    }

    // ---------------------------------------------------------------- diagnostics page

    private ReportPage diagnosticsPage() {
        String page = ReportLayout.DIAGNOSTICS;
        List<Block> body = new ArrayList<>();
        body.add(para(
                new Inline.Link(ReportLayout.pageHref(page, ReportLayout.OVERVIEW), "Pipeline spec"),
                Inline.text(" / validation")));
        body.add(para(
                Inline.text("Every finding of validating "),
                Inline.code(specFile),
                Inline.text(": "),
                validationStatus(),
                Inline.text(". Errors fail the build; warnings point at constructs worth a second look.")));
        List<Block> list = new ArrayList<>();
        if (diagnostics.isEmpty()) {
            list.add(para(Inline.text("No findings.")));
        } else {
            list.add(diagnosticTable(page, diagnostics));
        }
        body.add(new Section("findings", "Findings", list));
        return new ReportPage(page, "Spec validation", body);
    }

    /** Findings as the review's validation table shows them; a model's name links to its page. */
    private Block diagnosticTable(String page, List<Diagnostic> list) {
        ReviewTable table = ReviewTables.findings(list, d -> review == null ? Optional.empty() : review.modelOf(d));
        return ReviewBlocks.table(table, modelHref(page));
    }

    /** The model a diagnostic is located in (see {@link SpecReview#modelOf}). */
    private Optional<Model> modelOf(Diagnostic d) {
        return review == null ? Optional.empty() : review.modelOf(d).map(SpecReview.ModelReview::model);
    }

    // ---------------------------------------------------------------- helpers

    private Inline sourceLink(String page, SourceRef s) {
        if (!s.isQualified()) {
            Optional<Model> up = spec.spec().model(s.table());
            if (up.isPresent()) {
                return new Inline.Link(ReportLayout.pageHref(page, layout.modelPage(up.get())), s.text());
            }
        }
        return Inline.code(s.text());
    }

    /** One block per diagram (a large diagram comes in parts), or a sentence when there is none. */
    private static List<Block> diagramsOr(
            List<io.github.specpipeline.core.export.mermaid.Diagram> drawn, String otherwise) {
        if (drawn.isEmpty()) {
            return List.of(para(Inline.text(otherwise)));
        }
        return drawn.stream().<Block>map(d -> new Diagram(d.title(), d.text())).toList();
    }

    private String results(String model) {
        List<TestReports.Suite> suites = tests.of(model);
        if (suites.isEmpty()) {
            return "not run";
        }
        long passed = suites.stream().mapToLong(s -> s.count(Status.PASSED)).sum();
        long failed = suites.stream()
                .mapToLong(s -> s.count(Status.FAILED) + s.count(Status.ERROR))
                .sum();
        long skipped = suites.stream().mapToLong(s -> s.count(Status.SKIPPED)).sum();
        return passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }

    /** The model's data tests: as every target runs them, or the declared ones when the spec has errors. */
    private long dataTestCount(Model m) {
        return dataTests(m).size();
    }

    private static String findings(List<Diagnostic> list) {
        long errors = count(list, Severity.ERROR);
        long warnings = count(list, Severity.WARNING);
        if (errors == 0 && warnings == 0) {
            return "no errors or warnings";
        }
        return plural(errors, "error") + ", " + plural(warnings, "warning");
    }

    private static long count(List<Diagnostic> list, Severity severity) {
        return list.stream().filter(d -> d.severity() == severity).count();
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String safeId(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static Paragraph para(Inline... content) {
        return new Paragraph(List.of(content));
    }
}
