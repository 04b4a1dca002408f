package io.github.specpipeline.core.export;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diff.Change;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.FilterStage;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testcatalog.TestText;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.Identifiers;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spec as a reviewer reads it: per model, its columns as rows of a data dictionary (with where each comes
 * from), its tests, its place in the pipeline and what validation found. Every export format renders this one
 * view, so the workbook, the CSV files, the diagrams and the HTML page always say the same thing.
 *
 * <p>Models are listed in spec order (the order a reviewer reads the file in). Model names are not trusted:
 * each model gets a {@link ModelReview#key() key} that is a safe, unique file name, anchor and node id.
 */
public final class SpecReview {

    /** Where an output column comes from. */
    public enum ColumnKind {
        /** A {@code column_mapping} entry. */
        MAPPED,
        /** An {@code aggregations} metric. */
        METRIC,
        /** A {@code group_by} key of an aggregate model without column mapping. */
        GROUP_KEY,
        /** A column an SCD2 model without column mapping passes through from its source. */
        PASS_THROUGH,
        /** An SCD2 validity column ({@code effective_at}, {@code expiry_at}, {@code current_flag}). */
        SCD2;

        /** The kind as the review tables show it. */
        public String label() {
            return switch (this) {
                case MAPPED -> "mapped";
                case METRIC -> "aggregation";
                case GROUP_KEY -> "group_by key";
                case PASS_THROUGH -> "pass-through";
                case SCD2 -> "SCD2";
            };
        }
    }

    /** A column of a source a model reads; {@code table} is the source's name in the model ({@code ?} when unknown). */
    public record SourceColumnRef(String table, String column) {}

    /**
     * One output column of a model.
     *
     * @param sourceTable  the source it is read from: {@code from_table}, or the only source when that implies it; for a
     *                     metric, the sources its formula reads (the only source for {@code COUNT(*)})
     * @param transform    the transform or formula as it runs (its named expressions expanded), or null
     * @param nullable     {@code Yes}, {@code No}, or empty when the spec does not say (metrics)
     * @param tests        the tests that run on the column, comma-separated, those the spec implies marked
     *                     {@code (implied)} (see {@link TestRow})
     * @param lineage      the source columns it reads, in order of appearance
     * @param testList     the tests declared on it
     * @param written      the transform or formula as written, when it calls named expressions ({@code @name(...)}) and
     *                     so differs from {@code transform}; else null
     */
    public record ColumnRow(
            String name,
            String type,
            String sourceTable,
            String sourceColumn,
            String transform,
            String nullable,
            String tests,
            String description,
            ColumnKind kind,
            List<SourceColumnRef> lineage,
            List<DataTest> testList,
            String written) {
        public ColumnRow {
            lineage = List.copyOf(lineage);
            testList = List.copyOf(testList);
        }

        /** A column whose transform calls no named expression. */
        public ColumnRow(
                String name,
                String type,
                String sourceTable,
                String sourceColumn,
                String transform,
                String nullable,
                String tests,
                String description,
                ColumnKind kind,
                List<SourceColumnRef> lineage,
                List<DataTest> testList) {
            this(
                    name,
                    type,
                    sourceTable,
                    sourceColumn,
                    transform,
                    nullable,
                    tests,
                    description,
                    kind,
                    lineage,
                    testList,
                    null);
        }
    }

    /** Why a test runs. */
    public enum TestOrigin {
        /** Listed in a column's or metric's {@code tests}. */
        DECLARED("declared"),
        /** Implied by the spec: {@code nullable: false}, the primary key, the grain of an aggregate, SCD2 history. */
        IMPLIED("implied"),
        /** A unit test of the model. */
        UNIT("unit test");

        private final String label;

        TestOrigin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A test that runs, one row per test: every data test the {@link TestCatalog} derives (the ones every target
     * generates and the {@code test} goal runs), then the unit tests. When the spec has errors no code is generated
     * and the catalogue cannot be derived: the declared tests are listed then.
     *
     * @param column      the column under test; {@link #MODEL_LEVEL} for a model-level test, empty for a unit test
     * @param kind        {@code not_null}, ..., {@code scd2_no_overlap}, {@code unit_test}
     * @param testType    the test as a reviewer reads it: {@code accepted_values('a', 'b')}, {@code primary_key(id)}
     * @param checks      what it checks, one line ({@code customer_id is never null}); for a unit test its name
     * @param description the column's description, or the unit test's
     * @param id          the test's name in generated code and test reports, or null (unit tests; a spec with errors)
     */
    public record TestRow(
            String column,
            String kind,
            String testType,
            TestOrigin origin,
            String checks,
            String description,
            String id) {
        /** The column of a model-level test (primary key, group keys, SCD2). */
        public static final String MODEL_LEVEL = "(model)";

        public boolean isDataTest() {
            return origin != TestOrigin.UNIT;
        }
    }

    /**
     * One model as reviewed.
     *
     * @param key        unique (ignoring case), {@code [A-Za-z0-9_]+}: the model name when it is a safe identifier
     * @param sources    the sources as written
     * @param upstream   models this model reads
     * @param downstream models that read this model, sorted
     * @param written    the model as written: its fragments before named expressions were expanded ({@code model}
     *                   holds the expansion, which is what runs)
     */
    public record ModelReview(
            Model model,
            String key,
            List<String> sources,
            List<String> upstream,
            List<String> downstream,
            List<ColumnRow> columns,
            List<TestRow> tests,
            List<Diagnostic> diagnostics,
            Model written) {
        public ModelReview {
            sources = List.copyOf(sources);
            upstream = List.copyOf(upstream);
            downstream = List.copyOf(downstream);
            columns = List.copyOf(columns);
            tests = List.copyOf(tests);
            diagnostics = List.copyOf(diagnostics);
        }

        /** A model without named expressions: as written is as it runs. */
        public ModelReview(
                Model model,
                String key,
                List<String> sources,
                List<String> upstream,
                List<String> downstream,
                List<ColumnRow> columns,
                List<TestRow> tests,
                List<Diagnostic> diagnostics) {
            this(model, key, sources, upstream, downstream, columns, tests, diagnostics, model);
        }

        public String name() {
            return model.name();
        }

        /** The model's name for display: {@code models[i]} when it has none. */
        public String displayName() {
            return model.name().isEmpty() ? "models[" + model.index() + "]" : model.name();
        }

        public Layer layer() {
            return model.layer();
        }

        public long errors() {
            return diagnostics.stream()
                    .filter(d -> d.severity() == Severity.ERROR)
                    .count();
        }

        public long warnings() {
            return diagnostics.stream()
                    .filter(d -> d.severity() == Severity.WARNING)
                    .count();
        }

        /** {@code OK}, {@code 2 warnings}, {@code 1 error, 3 warnings}. */
        public String status() {
            return SpecReview.status(errors(), warnings());
        }

        public String sourcesText() {
            return String.join(", ", sources);
        }

        public boolean hasJoins() {
            return !model.joins().isEmpty();
        }

        public boolean hasAggregations() {
            return !model.aggregations().isEmpty() || columns.stream().anyMatch(c -> c.kind() == ColumnKind.METRIC);
        }

        /** The data tests that run on the model, declared and implied (every row of {@link #tests} but unit tests). */
        public List<TestRow> dataTests() {
            return tests.stream().filter(TestRow::isDataTest).toList();
        }

        /** The kinds of the data tests on one column, those the spec implies marked: {@code not_null (implied), unique}. */
        public String testKinds(String column) {
            return dataTests().stream()
                    .filter(t -> t.column().equalsIgnoreCase(column))
                    .map(t -> t.kind() + (t.origin() == TestOrigin.IMPLIED ? " (implied)" : ""))
                    .collect(Collectors.joining(", "));
        }
    }

    private final ValidatedSpec validated;
    private final List<ModelReview> models;
    private final List<Diagnostic> diagnostics;
    private final Map<String, ModelReview> byName = new HashMap<>();
    /** By the model's index in the spec's {@code models} array, which is not its list position when an entry was dropped. */
    private final Map<Integer, ModelReview> byIndex = new HashMap<>();

    /** The base the changes are against ({@code specpipeline.base}), or null when the export has none. */
    private final String base;

    private final List<Change> changes;

    /** Each model's approval state as the exports show it, by model name; null when the spec has no approval file. */
    private Map<String, String> approval;

    private SpecReview(ValidatedSpec validated, List<ModelReview> models, List<Diagnostic> diagnostics) {
        this(validated, models, diagnostics, null, List.of());
    }

    private SpecReview(
            ValidatedSpec validated,
            List<ModelReview> models,
            List<Diagnostic> diagnostics,
            String base,
            List<Change> changes) {
        this.validated = validated;
        this.models = List.copyOf(models);
        this.diagnostics = List.copyOf(diagnostics);
        this.base = base;
        this.changes = List.copyOf(changes);
        for (ModelReview m : models) {
            byName.putIfAbsent(m.name(), m);
            byIndex.putIfAbsent(m.model().index(), m);
        }
    }

    /**
     * The review of just the named models ({@code specpipeline.select}): every table and file of the exports then
     * lists only them, with the findings located in them and the spec-wide ones. Their lineage and joins still name
     * the other models they read.
     */
    public SpecReview only(java.util.Collection<String> names) {
        Set<String> keep = Set.copyOf(names);
        List<ModelReview> kept =
                models.stream().filter(m -> keep.contains(m.name())).toList();
        Set<Integer> indexes = new HashSet<>();
        kept.forEach(m -> indexes.add(m.model().index()));
        List<Diagnostic> found = diagnostics.stream()
                .filter(d -> modelIndex(d.pointer()) < 0 || indexes.contains(modelIndex(d.pointer())))
                .toList();
        SpecReview only = new SpecReview(validated, kept, found, base, changes);
        only.approval = approval;
        return only;
    }

    /**
     * This review with each model's approval state ({@code approved by X on date}, {@code changed since approval},
     * {@code not approved}), which the overview then shows in an Approval column. Without it (no approval file) the
     * overview has no such column, so the exports of a spec that is not approved stay as they were.
     */
    public SpecReview withApproval(Map<String, String> states) {
        SpecReview with = new SpecReview(validated, models, diagnostics, base, changes);
        with.approval = Map.copyOf(states);
        return with;
    }

    /** Each model's approval state, when the spec has an approval file. */
    public Optional<Map<String, String>> approval() {
        return Optional.ofNullable(approval);
    }

    public ValidatedSpec validated() {
        return validated;
    }

    /**
     * The same review with the changes against a base ({@link io.github.specpipeline.core.diff.SpecDiff}): the exports
     * then add the Changes table and mark what changed. Without one, they are exactly what they were.
     */
    public SpecReview withChanges(String baseLabel, List<Change> against) {
        SpecReview with = new SpecReview(validated, models, diagnostics, baseLabel, against);
        with.approval = approval;
        return with;
    }

    /** The base the changes are against, when the export was given one. */
    public Optional<String> base() {
        return Optional.ofNullable(base);
    }

    /** The changes against the base, in the diff's order; empty without a base. */
    public List<Change> changes() {
        return changes;
    }

    /** The changes to one model (to the model itself and to its columns). */
    public List<Change> changesOf(String model) {
        return changes.stream().filter(c -> c.model().equals(model)).toList();
    }

    /** The spec file as diagnostics name it. */
    public String specFile() {
        return validated.specFile();
    }

    public List<ModelReview> models() {
        return models;
    }

    public Optional<ModelReview> model(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    public int columnCount() {
        return models.stream().mapToInt(m -> m.columns().size()).sum();
    }

    /** The model a diagnostic is located in, from its JSON pointer, or empty. */
    public Optional<ModelReview> modelOf(Diagnostic d) {
        return Optional.ofNullable(byIndex.get(modelIndex(d.pointer())));
    }

    /** {@code OK}, {@code 2 warnings}, {@code 1 error, 3 warnings}. */
    public static String status(long errors, long warnings) {
        if (errors == 0 && warnings == 0) {
            return "OK";
        }
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        if (warnings > 0) {
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        return String.join(", ", parts);
    }

    /** {@code file:line:column}, as far as known. */
    public static String location(Diagnostic d) {
        StringBuilder sb = new StringBuilder(d.file());
        if (d.line() > 0) {
            sb.append(':').append(d.line());
            if (d.column() > 0) {
                sb.append(':').append(d.column());
            }
        }
        return sb.toString();
    }

    // ---- building ----------------------------------------------------------------------------------------

    /**
     * Builds the view.
     *
     * @param fragmentColumns the columns each successfully parsed fragment reads, by JSON pointer (see
     *                        {@link io.github.specpipeline.core.validate.FragmentListener}); used for lineage
     */
    public static SpecReview of(ValidatedSpec validated, Map<String, List<ColumnRef>> fragmentColumns) {
        List<Model> specModels = validated.spec().models();
        Map<Integer, List<Diagnostic>> byModel = new HashMap<>();
        for (Diagnostic d : validated.diagnostics()) {
            int index = modelIndex(d.pointer());
            if (index >= 0) {
                byModel.computeIfAbsent(index, i -> new ArrayList<>()).add(d);
            }
        }
        Set<String> keys = new HashSet<>();
        List<ModelReview> reviews = new ArrayList<>(specModels.size());
        Builder builder = new Builder(validated, fragmentColumns, catalog(validated));
        for (Model m : specModels) {
            String key = uniqueKey(m, keys);
            reviews.add(builder.model(m, key, byModel.getOrDefault(m.index(), List.of())));
        }
        return new SpecReview(validated, reviews, validated.diagnostics());
    }

    /**
     * The data tests per model as every target runs them, or null when they cannot be derived: the spec has errors
     * (then no code is generated and no test runs either).
     */
    private static Map<String, List<TestCase>> catalog(ValidatedSpec validated) {
        if (validated.hasErrors()) {
            return null;
        }
        try {
            Map<String, List<TestCase>> byModel = new HashMap<>();
            for (TestCase t : TestCatalog.of(validated).tests()) {
                byModel.computeIfAbsent(t.model(), k -> new ArrayList<>()).add(t);
            }
            return byModel;
        } catch (RuntimeException e) {
            return null; // a model the planner refuses: the diagnostics say what is wrong, the declared tests are
            // listed
        }
    }

    /** The index in {@code /models/<i>/...}, or -1. */
    static int modelIndex(String pointer) {
        if (!pointer.startsWith("/models/")) {
            return -1;
        }
        int start = "/models/".length();
        int end = pointer.indexOf('/', start);
        String digits = end < 0 ? pointer.substring(start) : pointer.substring(start, end);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private static String uniqueKey(Model m, Set<String> used) {
        String base = Identifiers.isSafeFileName(m.name()) ? m.name() : "model_" + m.index();
        String key = base;
        int n = 2;
        while (!used.add(key.toLowerCase(Locale.ROOT))) {
            key = base + "_" + n++;
        }
        return key;
    }

    /**
     * What a filter is applied to, as every format shows it: {@code crm_addresses (before joining)} for a filter on one
     * source of a model with joins, the groups for a filter with an aggregate (HAVING), the joined rows for a filter on
     * the model, else the source's rows.
     */
    public static String filterScope(Model m, Filter f) {
        boolean onSource = f.appliesTo() != null && !f.appliesTo().equals(m.name());
        if (onSource) {
            return m.joins().isEmpty() ? f.appliesTo() : f.appliesTo() + " (before joining)";
        }
        if (FilterStage.ofText(f.predicate()) == FilterStage.HAVING) {
            return "the groups";
        }
        return m.joins().isEmpty() ? "the source rows" : "the joined rows";
    }

    private static final class Builder {
        private final ValidatedSpec validated;
        private final Map<String, List<ColumnRef>> fragmentColumns;
        private final SourceCatalog catalog;
        /** The tests that run, per model; null when the spec has errors. */
        private final Map<String, List<TestCase>> testCatalog;

        Builder(
                ValidatedSpec validated,
                Map<String, List<ColumnRef>> fragmentColumns,
                Map<String, List<TestCase>> testCatalog) {
            this.validated = validated;
            this.fragmentColumns = fragmentColumns;
            this.catalog = validated.sourceCatalog().orElse(null);
            this.testCatalog = testCatalog;
        }

        ModelReview model(Model m, String key, List<Diagnostic> diagnostics) {
            Model written = validated.written(m);
            Map<String, List<String>> sourceColumns = sourceColumns(m);
            List<TestCase> cases = testCatalog == null ? null : testCatalog.getOrDefault(m.name(), List.of());
            String onlySource = m.relations().size() == 1 ? m.relations().get(0).table() : null;
            List<ColumnRow> rows = new ArrayList<>();
            List<Column> outputs = validated.outputColumns(m.name());
            Map<String, String> outputTypes = new HashMap<>();
            outputs.forEach(c -> outputTypes.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c.type()));
            Constraints k = m.constraints();

            if (!m.aggregations().isEmpty()
                    && !m.groupBy().isEmpty()
                    && m.columns().isEmpty()) {
                for (String g : m.groupBy()) {
                    List<SourceColumnRef> refs = resolve(new ColumnRef(null, g), m, sourceColumns);
                    String tables = refs.stream()
                            .map(SourceColumnRef::table)
                            .filter(t -> !t.equals("?"))
                            .distinct()
                            .collect(Collectors.joining(", "));
                    rows.add(new ColumnRow(
                            g,
                            outputTypes.get(g.toLowerCase(Locale.ROOT)),
                            tables,
                            g,
                            null,
                            "",
                            "",
                            "group_by key",
                            ColumnKind.GROUP_KEY,
                            refs,
                            List.of()));
                }
            }
            for (int i = 0; i < m.columns().size(); i++) {
                ColumnMapping c = m.columns().get(i);
                String type = c.type() != null
                        ? c.type()
                        : outputTypes.get(c.targetColumn().toLowerCase(Locale.ROOT));
                List<SourceColumnRef> refs = new ArrayList<>();
                String fromTable = c.fromTable();
                if (fromTable == null && c.fromColumn() != null) {
                    fromTable = onlySource;
                }
                if (c.transform() == null) {
                    if (fromTable != null && c.fromColumn() != null) {
                        refs.add(new SourceColumnRef(fromTable, c.fromColumn()));
                    }
                } else {
                    List<ColumnRef> read = fragmentColumns.get(m.pointer() + "/column_mapping/" + i + "/transform");
                    if (read == null) {
                        if (fromTable != null && c.fromColumn() != null) {
                            refs.add(new SourceColumnRef(fromTable, c.fromColumn()));
                        }
                    } else {
                        for (ColumnRef ref : read) {
                            refs.addAll(resolve(ref, m, sourceColumns));
                        }
                    }
                }
                rows.add(new ColumnRow(
                        c.targetColumn(),
                        type,
                        fromTable,
                        c.fromColumn(),
                        c.transform(),
                        c.nullable() ? "Yes" : "No",
                        tests(c.targetColumn(), c.tests(), cases),
                        c.description(),
                        ColumnKind.MAPPED,
                        distinct(refs),
                        c.tests(),
                        asWritten(
                                c.transform(),
                                written.columns().size() == m.columns().size()
                                        ? written.columns().get(i).transform()
                                        : null)));
            }
            if (m.columns().isEmpty() && m.aggregations().isEmpty() && k.isScd2()) {
                Set<String> scd = new HashSet<>();
                for (String s : new String[] {k.effectiveAt(), k.expiryAt(), k.currentFlag()}) {
                    if (s != null) {
                        scd.add(s.toLowerCase(Locale.ROOT));
                    }
                }
                String source = m.relations().size() == 1 ? m.relations().get(0).table() : null;
                for (Column c : outputs) {
                    if (!scd.contains(c.name().toLowerCase(Locale.ROOT))) {
                        rows.add(new ColumnRow(
                                c.name(),
                                c.type(),
                                source,
                                c.name(),
                                null,
                                "",
                                "",
                                "passed through from " + (source == null ? "the source" : source),
                                ColumnKind.PASS_THROUGH,
                                source == null ? List.of() : List.of(new SourceColumnRef(source, c.name())),
                                List.of()));
                    }
                }
            }
            for (int i = 0; i < m.aggregations().size(); i++) {
                Aggregation a = m.aggregations().get(i);
                List<ColumnRef> read = fragmentColumns.get(m.pointer() + "/aggregations/" + i + "/formula");
                List<SourceColumnRef> refs = new ArrayList<>();
                if (read != null) {
                    for (ColumnRef ref : read) {
                        refs.addAll(resolve(ref, m, sourceColumns));
                    }
                }
                String type = a.type() != null
                        ? a.type()
                        : outputTypes.get(a.metricColumn().toLowerCase(Locale.ROOT));
                List<SourceColumnRef> lineage = distinct(refs);
                String tables = lineage.stream()
                        .map(SourceColumnRef::table)
                        .filter(t -> !t.equals("?"))
                        .distinct()
                        .collect(Collectors.joining(", "));
                rows.add(new ColumnRow(
                        a.metricColumn(),
                        type,
                        tables.isEmpty() ? onlySource : tables,
                        null,
                        a.formula(),
                        "",
                        tests(a.metricColumn(), a.tests(), cases),
                        a.description(),
                        ColumnKind.METRIC,
                        lineage,
                        a.tests(),
                        asWritten(
                                a.formula(),
                                written.aggregations().size()
                                                == m.aggregations().size()
                                        ? written.aggregations().get(i).formula()
                                        : null)));
            }
            if (k.isScd2()) {
                String[][] scd = {
                    {k.effectiveAt(), "SCD2 validity start (effective_at)"},
                    {k.expiryAt(), "SCD2 validity end (expiry_at)"},
                    {k.currentFlag(), "SCD2 current row flag (current_flag)"}
                };
                Set<String> present = new HashSet<>();
                rows.forEach(r -> present.add(r.name().toLowerCase(Locale.ROOT)));
                for (String[] s : scd) {
                    if (s[0] != null && present.add(s[0].toLowerCase(Locale.ROOT))) {
                        rows.add(new ColumnRow(
                                s[0],
                                outputTypes.get(s[0].toLowerCase(Locale.ROOT)),
                                "SCD2",
                                null,
                                null,
                                "",
                                "",
                                s[1],
                                ColumnKind.SCD2,
                                List.of(),
                                List.of()));
                    }
                }
            }

            List<TestRow> tests = new ArrayList<>();
            Map<String, String> descriptions = new HashMap<>();
            rows.forEach(r -> descriptions.putIfAbsent(r.name().toLowerCase(Locale.ROOT), r.description()));
            if (cases != null) {
                for (TestCase t : cases) {
                    String column = t.column() == null ? TestRow.MODEL_LEVEL : t.column();
                    String description = t.column() == null
                            ? null
                            : descriptions.get(t.column().toLowerCase(Locale.ROOT));
                    tests.add(new TestRow(
                            column,
                            t.kind(),
                            TestText.label(t.check()),
                            origin(t),
                            t.description(),
                            description,
                            t.id()));
                }
            } else {
                for (ColumnRow r : rows) {
                    for (DataTest t : r.testList()) {
                        tests.add(new TestRow(
                                r.name(),
                                t.kind(),
                                TestText.label(t),
                                TestOrigin.DECLARED,
                                TestText.label(t),
                                r.description(),
                                null));
                    }
                }
            }
            for (UnitTest u : m.unitTests()) {
                tests.add(new TestRow(
                        "",
                        "unit_test",
                        "unit_test(" + u.name() + ")",
                        TestOrigin.UNIT,
                        u.name(),
                        u.description(),
                        null));
            }
            // a union's members are what the model reads, as its sources are: reviewers see each
            List<String> sources = m.inputs().stream().map(SourceRef::text).toList();
            return new ModelReview(
                    m,
                    key,
                    sources,
                    validated.graph().upstream(m.name()),
                    List.copyOf(validated.graph().downstream(m.name())),
                    rows,
                    tests,
                    diagnostics,
                    written);
        }

        /** The fragment as written when it differs from what runs (it calls named expressions), else null. */
        private static String asWritten(String runs, String written) {
            return written == null || written.equals(runs) ? null : written;
        }

        /** Each source's name in the model (its table part) to its column names, when known. */
        private Map<String, List<String>> sourceColumns(Model m) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (m.union() != null && !m.union().sources().isEmpty()) {
                // the unioned rows under the union's name: the first member's columns (every member has them)
                List<String> columns = columnsOf(m.union().sources().get(0));
                if (columns != null && m.union().sourceColumn() != null) {
                    columns = new ArrayList<>(columns);
                    columns.add(m.union().sourceColumn());
                }
                out.put(m.union().name(), columns);
            }
            for (SourceRef s : m.sources()) {
                out.putIfAbsent(s.table(), columnsOf(s));
            }
            return out;
        }

        /** The column names of a raw table or model, when known. */
        private List<String> columnsOf(SourceRef s) {
            {
                List<String> columns = null;
                if (s.isQualified()) {
                    if (catalog != null) {
                        columns = catalog.table(s.schema(), s.table())
                                .map(t -> t.columns().stream()
                                        .map(SourceColumn::name)
                                        .toList())
                                .orElse(null);
                    }
                } else if (validated.outputColumns().containsKey(s.table())) {
                    columns = validated.outputColumns(s.table()).stream()
                            .map(Column::name)
                            .toList();
                }
                return columns;
            }
        }

        /**
         * The source columns a column reference stands for: a qualified one names its source; an unqualified one
         * is looked up in the sources whose columns are known (the only source when there is one; {@code ?} when
         * it cannot be told).
         */
        private List<SourceColumnRef> resolve(ColumnRef ref, Model m, Map<String, List<String>> sourceColumns) {
            if (ref.qualifier() != null) {
                if (ref.qualifier().equals("__from__")) {
                    return List.of();
                }
                String q = ref.qualifier();
                for (SourceRef s : m.sources()) {
                    if (s.text().equals(q)) {
                        q = s.table();
                        break;
                    }
                }
                return List.of(new SourceColumnRef(q, ref.column()));
            }
            List<SourceColumnRef> found = new ArrayList<>();
            boolean allKnown = true;
            for (Map.Entry<String, List<String>> e : sourceColumns.entrySet()) {
                if (e.getValue() == null) {
                    allKnown = false;
                } else if (e.getValue().stream().anyMatch(c -> c.equalsIgnoreCase(ref.column()))) {
                    found.add(new SourceColumnRef(e.getKey(), ref.column()));
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            if (sourceColumns.size() == 1 && !allKnown) {
                return List.of(
                        new SourceColumnRef(sourceColumns.keySet().iterator().next(), ref.column()));
            }
            return allKnown ? List.of() : List.of(new SourceColumnRef("?", ref.column()));
        }

        private static List<SourceColumnRef> distinct(List<SourceColumnRef> refs) {
            return List.copyOf(new LinkedHashSet<>(refs));
        }

        /** The tests of one column: as they run (implied ones marked), or as declared when the spec has errors. */
        private static String tests(String column, List<DataTest> declared, List<TestCase> cases) {
            if (cases == null) {
                return declared.stream().map(TestText::label).collect(Collectors.joining(", "));
            }
            return cases.stream()
                    .filter(t -> t.column() != null && t.column().equalsIgnoreCase(column))
                    .map(t -> TestText.label(t.check()) + (t.declared() ? "" : " (implied)"))
                    .collect(Collectors.joining(", "));
        }

        private static TestOrigin origin(TestCase t) {
            return t.declared() ? TestOrigin.DECLARED : TestOrigin.IMPLIED;
        }
    }
}
