package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.json.SourceMap;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Environment;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Incremental;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Materialization;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SchemaNames;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.model.Union;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.parse.Names;
import io.github.specpipeline.core.sql.BigQuerySyntax;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.FilterStage;
import io.github.specpipeline.core.sql.IntervalLiteral;
import io.github.specpipeline.core.sql.ParsedFragment;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.SqlTypes;
import io.github.specpipeline.core.sql.WindowCalls;
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
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.Expression;

/**
 * Checks a bound spec the way a compiler checks a program: names, references, SQL fragments, the model
 * graph, constraints and tests. Models are checked upstream first, so that a model's output columns are
 * known when a downstream model reads them. Every problem is reported; nothing stops at the first.
 */
public final class SpecValidator {
    private final Reporter r;
    private final Spec spec;
    private final SourceCatalog ddl;
    private final ModelGraph graph;
    private final FragmentListener listener;
    private final Map<String, Model> modelsByName = new LinkedHashMap<>();
    /**
     * The {@code tests} lists with a finding from binding: an entry that could not be read was left out, so the
     * indexes of the tests after it no longer match the file. Findings on their tests are located at the list.
     */
    private final Set<String> shiftedTestLists = new HashSet<>();
    /** Output columns per model; absent when they cannot be known (a pass-through of an unknown source). */
    private final Map<String, List<Column>> outputs = new LinkedHashMap<>();

    /**
     * The columns of each raw table as a relation and their index, made once per validation: the models that read a
     * table share them (a 10,000-model spec reads each raw table from tens of models).
     */
    private final Map<SourceTable, List<Column>> rawColumns = new java.util.IdentityHashMap<>();

    private final Map<List<Column>, ColumnIndex> columnIndexes = new java.util.IdentityHashMap<>();

    /** The shared index of a relation's columns (null: null). */
    private ColumnIndex index(List<Column> columns) {
        return columns == null ? null : columnIndexes.computeIfAbsent(columns, ColumnIndex::of);
    }
    /** The fragments that passed the checks here, for GoogleSQL's analysis; null when it is switched off. */
    private final List<AnalyzedFragment> analyzed;
    /** Fragments whose named expressions could not be expanded (reported): not analyzed, so not reported twice. */
    private final Set<String> expansionFailed = new HashSet<>();

    private SpecValidator(
            Spec spec, SourceCatalog ddl, Reporter reporter, FragmentListener listener, boolean googleSql) {
        this.listener = listener;
        this.analyzed = googleSql ? new ArrayList<>() : null;
        this.spec = spec;
        this.ddl = ddl;
        this.r = reporter;
        this.graph = new ModelGraph(spec);
        spec.models().forEach(m -> modelsByName.putIfAbsent(m.name(), m));
        for (io.github.specpipeline.core.diag.Diagnostic d : reporter.sink().sorted()) {
            int at = d.pointer().lastIndexOf("/tests/");
            if (at >= 0) {
                shiftedTestLists.add(d.pointer().substring(0, at + "/tests".length()));
            }
        }
    }

    /**
     * Validates {@code spec}.
     *
     * @param ddl the source DDL catalog, or null when none was given (source columns are then unknown)
     */
    public static ValidatedSpec validate(Spec spec, SourceCatalog ddl, Reporter reporter) {
        return validate(spec, ddl, reporter, FragmentListener.NONE);
    }

    /**
     * Validates {@code spec} and tells {@code listener} about every SQL fragment that parsed; every fragment is also
     * analyzed by BigQuery's analyzer (GoogleSQL).
     */
    public static ValidatedSpec validate(Spec spec, SourceCatalog ddl, Reporter reporter, FragmentListener listener) {
        return validate(spec, ddl, reporter, listener, true);
    }

    /**
     * Validates {@code spec} and tells {@code listener} about every SQL fragment that parsed.
     *
     * @param googleSql whether every SQL fragment is also analyzed by BigQuery's analyzer (GoogleSQL), see
     *                  {@link GoogleSqlCheck}; without it, the checks here are all there is
     */
    public static ValidatedSpec validate(
            Spec spec, SourceCatalog ddl, Reporter reporter, FragmentListener listener, boolean googleSql) {
        // named expressions first: every check, GoogleSQL and every generator read the expanded SQL
        Set<String> expansionFailed = new HashSet<>();
        Spec written = spec;
        spec = NamedExpansion.expand(spec, reporter, expansionFailed);
        SpecValidator v = new SpecValidator(spec, ddl, reporter, listener, googleSql);
        v.expansionFailed.addAll(expansionFailed);
        v.run();
        if (v.analyzed != null) {
            GoogleSqlCheck.run(v.analyzed, ddl, v.outputs, reporter);
        }
        Map<String, List<Column>> known = new LinkedHashMap<>(v.outputs);
        return new ValidatedSpec(
                reporter.file(),
                spec,
                v.graph,
                Optional.ofNullable(ddl),
                known,
                reporter.sink().sorted(),
                written);
    }

    private void run() {
        checkSchemaNames();
        checkModelNames();
        for (List<String> cycle : graph.cycles()) {
            Model first = modelsByName.get(cycle.get(0));
            r.error(
                    DiagnosticCode.SP209,
                    first.pointer() + "/sources",
                    "models depend on each other in a cycle: " + String.join(" -> ", cycle),
                    "remove one of these sources");
        }
        for (Model m : graph.order()) {
            new ModelCheck(m).run();
        }
        if (spec.models().isEmpty()) {
            r.warning(DiagnosticCode.SP404, "/models", "the spec has no models", "add a model to 'models'");
        }
    }

    private void checkSchemaNames() {
        checkIdentifier(spec.schema().raw(), "/schema/raw_schema", "schema name");
        checkIdentifier(spec.schema().staging(), "/schema/staging_schema", "schema name");
        checkIdentifier(spec.schema().finalSchema(), "/schema/final_schema", "schema name");
        for (Environment e : spec.environments().values()) {
            // an environment's names are written into generated code like the spec's own
            SchemaNames names = e.apply(spec.schema());
            String at = "/environments/" + SourceMap.token(e.name());
            checkIdentifier(
                    names.staging(), at + (e.staging() != null ? "/staging_schema" : "/schema_suffix"), "schema name");
            checkIdentifier(
                    names.finalSchema(),
                    at + (e.finalSchema() != null ? "/final_schema" : "/schema_suffix"),
                    "schema name");
        }
    }

    private void checkModelNames() {
        Map<String, Model> seen = new HashMap<>();
        for (Model m : spec.models()) {
            if (m.name().isEmpty()) {
                continue; // already reported as missing
            }
            if (!Identifiers.isSafeFileName(m.name())) {
                r.error(
                        DiagnosticCode.SP201,
                        m.pointer() + "/name",
                        "model name " + Names.show(m.name()) + " is not a valid identifier",
                        DiagnosticCode.SP201.fix() + " Model names also become file names.");
                continue;
            }
            Model previous = seen.putIfAbsent(m.name().toLowerCase(Locale.ROOT), m);
            if (previous != null) {
                r.error(
                        DiagnosticCode.SP202,
                        m.pointer() + "/name",
                        "duplicate model name '" + m.name() + "' (also " + spec.placeOf(previous) + ")",
                        "rename one of them");
                if (spec.fileOf(m).isPresent()) {
                    // in a spec directory the two are in different files: a reviewer of either file sees the clash
                    r.error(
                            DiagnosticCode.SP202,
                            previous.pointer() + "/name",
                            "duplicate model name '" + previous.name() + "' (also " + spec.placeOf(m) + ")",
                            "rename one of them");
                }
            }
        }
    }

    private boolean checkIdentifier(String name, String pointer, String what) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        if (!Identifiers.isValid(name)) {
            r.error(
                    DiagnosticCode.SP201,
                    pointer,
                    what + " " + Names.show(name) + " is not a valid SQL identifier",
                    DiagnosticCode.SP201.fix());
            return false;
        }
        return true;
    }

    /** A source of the model under check, with the columns it provides when they are known. */
    private record Relation(
            SourceRef ref,
            List<Column> columns,
            boolean isModel,
            AnalyzedFragment.UnionScope union,
            ColumnIndex byName) {
        Relation(SourceRef ref, List<Column> columns, boolean isModel) {
            this(ref, columns, isModel, null);
        }

        Relation(SourceRef ref, List<Column> columns, boolean isModel, AnalyzedFragment.UnionScope union) {
            this(ref, columns, isModel, union, ColumnIndex.of(columns));
        }

        String alias() {
            return ref.table();
        }

        boolean known() {
            return columns != null;
        }

        Optional<Column> column(String name) {
            return byName == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
        }

        List<String> names() {
            return columns == null
                    ? List.of()
                    : columns.stream().map(Column::name).toList();
        }
    }

    /** The checks of one model; holds what the model's parts need to see of each other. */
    private final class ModelCheck {
        private final Model m;
        private final String p;
        /** The model's name for messages; models[i] when it has none. */
        private final String name;

        private final Map<String, Relation> relations = new LinkedHashMap<>();
        /** The union's members that resolved: unit tests give rows per member. */
        private final List<Relation> unionMembers = new ArrayList<>();

        private final Set<String> usedAliases = new HashSet<>();
        private boolean usageUnknown;
        private final Map<String, Column> outputsByName = new LinkedHashMap<>();
        private boolean outputsKnown = true;
        private final Map<String, ParsedFragment> transforms = new HashMap<>();
        private final Map<Filter, ParsedFragment> filterFragments = new java.util.IdentityHashMap<>();

        ModelCheck(Model m) {
            this.m = m;
            this.p = m.pointer();
            this.name = m.name().isEmpty() ? "models[" + m.index() + "]" : m.name();
        }

        void run() {
            resolveSources();
            checkColumnMappings();
            checkJoins();
            checkFilters();
            checkAggregations();
            checkGroupBy();
            computeOutputs();
            checkConstraints();
            checkIncremental();
            checkTests();
            checkUnitTests();
            checkGrain();
            checkUnusedSources();
            if (m.columns().isEmpty()
                    && m.aggregations().isEmpty()
                    && !m.constraints().isScd2()) {
                r.error(
                        DiagnosticCode.SP404,
                        p,
                        "model '" + name + "' has no output columns",
                        DiagnosticCode.SP404.fix());
            }
        }

        private void resolveSources() {
            resolveUnion();
            for (int i = 0; i < m.sources().size(); i++) {
                Relation rel = resolve(m.sources().get(i), p + "/sources/" + i);
                if (rel != null) {
                    addRelation(rel, p + "/sources/" + i);
                }
            }
        }

        /**
         * The union: its members resolved as sources are, checked to be distinct and to have the same columns by
         * name (types agreeing up to {@link UnionColumns}' widenings), then one relation under its name with the
         * union's columns and the source column.
         */
        private void resolveUnion() {
            Union u = m.union();
            if (u == null) {
                return;
            }
            String up = p + "/union";
            Set<String> seen = new HashSet<>();
            List<Relation> members = new ArrayList<>();
            boolean complete = true;
            for (int i = 0; i < u.sources().size(); i++) {
                SourceRef s = u.sources().get(i);
                String sp = u.memberPointer(p, i);
                if (!seen.add(s.text())) {
                    r.error(
                            DiagnosticCode.SP225,
                            sp,
                            "the union of '" + name + "' lists '" + s.text() + "' twice",
                            "list each source once");
                    complete = false;
                    continue;
                }
                int inSources = -1;
                for (int k = 0; k < m.sources().size(); k++) {
                    SourceRef o = m.sources().get(k);
                    if (o.text().equals(s.text()) || o.table().equals(s.table())) {
                        inSources = k;
                    }
                }
                if (inSources >= 0) {
                    r.error(
                            DiagnosticCode.SP225,
                            sp,
                            "'" + s.text() + "' is in the union of '" + name + "' and in its sources (sources/"
                                    + inSources + ")",
                            "a union member is read through the union: remove it from 'sources'");
                    complete = false;
                    continue;
                }
                Relation rel = resolve(s, sp);
                if (rel == null) {
                    complete = false;
                    continue;
                }
                members.add(rel);
            }
            unionMembers.addAll(members);
            String alias = u.name();
            String aliasPointer = u.alias() != null ? up + "/as" : up;
            if (u.alias() != null && !checkIdentifier(u.alias(), up + "/as", "union name")) {
                return;
            }
            if (alias.isEmpty()) {
                return;
            }
            for (int k = 0; k < m.sources().size(); k++) {
                if (m.sources().get(k).table().equals(alias)) {
                    r.error(
                            DiagnosticCode.SP228,
                            aliasPointer,
                            "the union of '" + name + "' is named '" + alias + "', as is its source '"
                                    + m.sources().get(k).text() + "'",
                            "name the union with \"as\", e.g. \"as\": \"" + alias + "_all\"");
                    return;
                }
            }
            if (u.sourceColumn() != null && !checkIdentifier(u.sourceColumn(), up + "/source_column", "column name")) {
                complete = false;
            }
            List<Column> columns = null;
            AnalyzedFragment.UnionScope scope = null;
            if (complete && members.stream().allMatch(Relation::known)) {
                UnionColumns.Result result =
                        UnionColumns.of(members.stream().map(Relation::columns).toList());
                for (UnionColumns.Problem problem : result.problems()) {
                    String at = u.memberPointer(p, problem.member());
                    String member = u.sources().get(problem.member()).text();
                    String other = u.sources().get(otherOf(problem)).text();
                    if (problem instanceof UnionColumns.Missing x) {
                        r.error(
                                DiagnosticCode.SP226,
                                at,
                                "union source '" + member + "' has no column '" + x.column() + "', which '" + other
                                        + "' has (a union by name needs every column in every source)",
                                DiagnosticCode.SP226.fix());
                    } else if (problem instanceof UnionColumns.TypeClash x) {
                        r.error(
                                DiagnosticCode.SP227,
                                at,
                                "column '" + x.column() + "' is " + x.type() + " in union source '" + member + "' but "
                                        + x.otherType() + " in '" + other + "'",
                                DiagnosticCode.SP227.fix());
                    }
                }
                List<Column> union = new ArrayList<>(result.problems().isEmpty() ? result.columns() : List.of());
                if (u.sourceColumn() != null && result.problems().isEmpty()) {
                    for (Column c : union) {
                        if (c.name().equalsIgnoreCase(u.sourceColumn())) {
                            r.error(
                                    DiagnosticCode.SP228,
                                    up + "/source_column",
                                    "source_column '" + u.sourceColumn() + "' of the union of '" + name
                                            + "' is also a column of its sources",
                                    "choose a name none of " + String.join(", ", u.texts()) + " has");
                            union = null;
                            break;
                        }
                    }
                    if (union != null) {
                        union.add(new Column(u.sourceColumn(), "STRING"));
                    }
                }
                if (result.problems().isEmpty() && union != null) {
                    // the union's columns are known only when its members agree; else its columns stay unknown, so
                    // the model's fragments draw no second finding from the same mistake
                    columns = union;
                    scope = new AnalyzedFragment.UnionScope(
                            members.stream().map(this::scopeTable).toList(),
                            u.texts(),
                            result.columns(),
                            UnionColumns.casts(
                                    members.stream().map(Relation::columns).toList(), result.columns()),
                            u.sourceColumn());
                }
            }
            addRelation(new Relation(u.ref(), columns, false, scope), aliasPointer);
        }

        private static int otherOf(UnionColumns.Problem problem) {
            return problem instanceof UnionColumns.Missing x ? x.other() : ((UnionColumns.TypeClash) problem).other();
        }

        /** A source resolved to a relation; null when it does not resolve (reported at {@code sp}). */
        private Relation resolve(SourceRef s, String sp) {
            if (s.isQualified()) {
                if (!Identifiers.isValid(s.schema()) || !Identifiers.isValid(s.table())) {
                    r.error(
                            DiagnosticCode.SP201,
                            sp,
                            "source " + Names.show(s.text()) + " is not <schema>.<table> with valid identifiers",
                            DiagnosticCode.SP201.fix());
                    return null;
                }
                if (!s.schema().equals(spec.schema().raw())) {
                    r.error(
                            DiagnosticCode.SP205,
                            sp,
                            "source '" + s.text() + "' is not in the raw schema '"
                                    + spec.schema().raw() + "' and is not a model",
                            "write raw tables as " + spec.schema().raw() + ".<table>, other models by their bare name");
                    return null;
                }
                List<Column> columns = null;
                if (ddl != null) {
                    Optional<SourceTable> t = ddl.table(s.schema(), s.table());
                    if (t.isEmpty()) {
                        r.error(
                                DiagnosticCode.SP212,
                                sp,
                                "raw table '" + s.text() + "' has no CREATE TABLE in the source DDL",
                                Names.closest(
                                                s.table(),
                                                ddl.tables().stream()
                                                        .map(SourceTable::name)
                                                        .toList())
                                        .map(c ->
                                                "did you mean '" + spec.schema().raw() + "." + c + "'?")
                                        .orElse("add a DDL file for it"));
                    } else {
                        columns = rawColumns.computeIfAbsent(t.get(), table -> {
                            List<Column> out = new ArrayList<>();
                            for (SourceColumn c : table.columns()) {
                                out.add(new Column(c.name(), c.type()));
                            }
                            return java.util.Collections.unmodifiableList(out);
                        });
                    }
                }
                return new Relation(s, columns, false, null, index(columns));
            } else {
                if (!Identifiers.isValid(s.table())) {
                    r.error(
                            DiagnosticCode.SP201,
                            sp,
                            "source " + Names.show(s.text()) + " is not a valid name",
                            DiagnosticCode.SP201.fix());
                    return null;
                }
                if (!modelsByName.containsKey(s.table())) {
                    String hint = Names.closest(s.table(), modelsByName.keySet())
                            .map(c -> "did you mean '" + c + "'?")
                            .orElse("raw tables are written " + spec.schema().raw() + "." + s.table());
                    r.error(DiagnosticCode.SP205, sp, "source '" + s.text() + "' is not a model of this spec", hint);
                    return null;
                }
                if (s.table().equals(m.name())) {
                    return null; // reported as a cycle
                }
                List<Column> columns = outputs.get(s.table());
                return new Relation(s, columns, true, null, index(columns));
            }
        }

        private void addRelation(Relation rel, String pointer) {
            if (relations.containsKey(rel.alias())) {
                r.error(
                        DiagnosticCode.SP204,
                        pointer,
                        "two sources are both called '" + rel.alias() + "'",
                        "a model cannot read two tables with the same name");
                return;
            }
            relations.put(rel.alias(), rel);
        }

        private String sourceList() {
            return relations.isEmpty() ? "none" : String.join(", ", relations.keySet());
        }

        /** Checks that {@code table} is one of the model's sources; reports otherwise. */
        private Optional<Relation> relation(String table, String pointer, String what) {
            if (table == null || table.isEmpty()) {
                return Optional.empty();
            }
            Relation rel = relations.get(table);
            if (rel == null) {
                rel = relations.values().stream()
                        .filter(x -> x.ref().text().equals(table))
                        .findFirst()
                        .orElse(null);
            }
            if (rel == null) {
                boolean isSource = m.relations().stream()
                        .anyMatch(s -> s.table().equals(table) || s.text().equals(table));
                if (!isSource && !m.relations().isEmpty()) {
                    String hint = Names.closest(table, relations.keySet())
                            .map(c -> "did you mean '" + c + "'?")
                            .orElse("add it to the model's sources");
                    r.error(
                            DiagnosticCode.SP204,
                            pointer,
                            what + " references unknown table " + Names.show(table) + " (sources: " + sourceList()
                                    + ")",
                            hint);
                }
                return Optional.empty();
            }
            usedAliases.add(rel.alias());
            return Optional.of(rel);
        }

        private void checkColumnMappings() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < m.columns().size(); i++) {
                ColumnMapping c = m.columns().get(i);
                String cp = p + "/column_mapping/" + i;
                if (checkIdentifier(c.targetColumn(), cp + "/target_column", "column name")
                        && !seen.add(c.targetColumn().toLowerCase(Locale.ROOT))) {
                    r.error(
                            DiagnosticCode.SP203,
                            cp + "/target_column",
                            "model '" + name + "' outputs column '" + c.targetColumn() + "' twice",
                            "rename or remove one of them");
                }
                checkType(c.type(), cp + "/type");
                String fromTable = c.fromTable();
                if (fromTable == null && c.fromColumn() != null && relations.size() == 1) {
                    fromTable = relations.keySet().iterator().next();
                }
                Optional<Relation> rel = Optional.empty();
                boolean fromOk = true;
                if (fromTable != null && checkIdentifier(fromTable, cp + "/from_table", "table name")) {
                    rel = relation(fromTable, cp + "/from_table", "column '" + c.targetColumn() + "'");
                    fromOk = rel.isPresent();
                } else if (fromTable != null) {
                    fromOk = false;
                }
                if (c.fromColumn() != null && checkIdentifier(c.fromColumn(), cp + "/from_column", "column name")) {
                    if (rel.isPresent()
                            && rel.get().known()
                            && rel.get().column(c.fromColumn()).isEmpty()) {
                        r.error(
                                DiagnosticCode.SP206,
                                cp + "/from_column",
                                "column '" + c.fromColumn() + "' does not exist in '"
                                        + rel.get().alias() + "'",
                                suggestColumn(c.fromColumn(), rel.get()));
                    }
                } else if (c.fromColumn() != null) {
                    fromOk = false;
                }
                if (c.fromColumn() != null && fromTable == null && relations.size() > 1) {
                    r.error(
                            DiagnosticCode.SP102,
                            cp,
                            "column '" + c.targetColumn()
                                    + "' sets from_column but not from_table, and the model has several sources",
                            "set from_table to one of: " + sourceList());
                    fromOk = false;
                }
                boolean hasFrom = fromTable != null && c.fromColumn() != null;
                if (c.transform() == null) {
                    if (!hasFrom) {
                        r.error(
                                DiagnosticCode.SP102,
                                cp,
                                "column '" + c.targetColumn()
                                        + "' has neither a transform nor from_table and from_column",
                                "map it from a source column or give a transform");
                    } else if (fromOk && rel.isPresent()) {
                        checkCast(c, rel.get(), cp);
                    }
                    continue;
                }
                if (c.transform().contains("{from}") && !hasFrom) {
                    r.error(
                            DiagnosticCode.SP102,
                            cp + "/transform",
                            "transform of '" + c.targetColumn()
                                    + "' uses {from} but from_table/from_column are not set",
                            "set from_table and from_column");
                    continue;
                }
                String replacement = hasFrom && fromOk
                        ? "`" + fromTable + "`.`" + c.fromColumn() + "`"
                        : hasFrom ? "__from__.__from__" : null;
                fragment(
                                c.transform(),
                                replacement,
                                cp + "/transform",
                                "transform of '" + c.targetColumn() + "'",
                                List.copyOf(relations.values()),
                                List.of(),
                                new Use(FragmentPlace.SELECT_ITEM, c.targetColumn(), c.type()))
                        .ifPresent(f -> transforms.put(c.targetColumn(), f));
            }
        }

        /**
         * SP407: a column copied from its source with another declared type is cast by the generated SQL; say so,
         * with what the cast does to the values. A transform states its conversion itself, so only copies are checked.
         */
        private void checkCast(ColumnMapping c, Relation rel, String cp) {
            if (c.type() == null || !SqlTypes.isValid(c.type())) {
                return;
            }
            String source = rel.column(c.fromColumn()).map(Column::type).orElse(null);
            if (source == null || !SqlTypes.isValid(source)) {
                return;
            }
            TypeConversion.of(source, c.type()).ifPresent(cast -> {
                String declared = SqlTypes.normalise(c.type());
                String from = SqlTypes.normalise(source);
                String message = "column '" + c.targetColumn() + "' is declared " + declared + " but its source '"
                        + rel.alias() + "." + c.fromColumn() + "' is " + from + ", so the generated SQL casts it: "
                        + cast.effect();
                if (cast.lossy()) {
                    r.warning(
                            DiagnosticCode.SP407,
                            cp + "/type",
                            message,
                            "declare " + from
                                    + ", or convert in a transform where it is meant, e.g. SAFE_CAST({from} AS "
                                    + declared + ")");
                } else {
                    r.report(
                            Severity.INFO,
                            DiagnosticCode.SP407,
                            cp + "/type",
                            false,
                            message,
                            "nothing to do; declare " + from + " to keep the source's type");
                }
            });
        }

        private void checkType(String type, String pointer) {
            if (type != null && !SqlTypes.isValid(type)) {
                r.error(DiagnosticCode.SP106, pointer, "unknown type " + Names.show(type), DiagnosticCode.SP106.fix());
            }
        }

        private String suggestColumn(String column, Relation rel) {
            return Names.closest(column, rel.names())
                    .map(x -> "did you mean '" + x + "'?")
                    .orElse("columns of " + rel.alias() + ": " + abbreviate(rel.names()));
        }

        private void checkJoins() {
            Set<String> joined = new LinkedHashSet<>();
            if (!m.relations().isEmpty()) {
                joined.add(m.relations().get(0).table());
            }
            for (int i = 0; i < m.joins().size(); i++) {
                Join j = m.joins().get(i);
                String jp = p + "/joins/" + i;
                boolean leftOk = checkIdentifier(j.leftTable(), jp + "/left_table", "table name")
                        && relation(j.leftTable(), jp + "/left_table", "join").isPresent();
                boolean rightOk = checkIdentifier(j.rightTable(), jp + "/right_table", "table name")
                        && relation(j.rightTable(), jp + "/right_table", "join").isPresent();
                if (leftOk && rightOk && j.leftTable().equals(j.rightTable())) {
                    r.error(
                            DiagnosticCode.SP204,
                            jp,
                            "join of '" + j.leftTable() + "' with itself",
                            "a model's sources are joined once each; self-joins need a separate model");
                }
                if (j.type() == JoinType.CROSS) {
                    if (j.condition() != null) {
                        r.warning(
                                DiagnosticCode.SP104,
                                jp + "/condition",
                                "a CROSS join has no condition; it is ignored",
                                "remove the condition or use an INNER join");
                    }
                } else if (j.condition() != null) {
                    List<Relation> scope = new ArrayList<>();
                    for (String t : List.of(j.leftTable(), j.rightTable())) {
                        if (relations.containsKey(t)) {
                            scope.add(relations.get(t));
                        }
                    }
                    fragment(
                                    j.condition(),
                                    null,
                                    jp + "/condition",
                                    "join condition",
                                    List.copyOf(relations.values()),
                                    List.of(),
                                    new Use(FragmentPlace.JOIN_CONDITION, null, null))
                            .ifPresent(f -> {
                                if (f.containsAggregate()) {
                                    r.error(
                                            DiagnosticCode.SP303,
                                            jp + "/condition",
                                            "join condition uses an aggregate function",
                                            DiagnosticCode.SP303.fix());
                                }
                            });
                }
                joined.add(j.leftTable());
                joined.add(j.rightTable());
            }
        }

        private void checkFilters() {
            for (int i = 0; i < m.filters().size(); i++) {
                Filter f = m.filters().get(i);
                String fp = p + "/filters/" + i;
                List<Relation> scope = List.copyOf(relations.values());
                if (f.appliesTo() != null && !f.appliesTo().equals(m.name())) {
                    Optional<Relation> rel = checkIdentifier(f.appliesTo(), fp + "/applies_to", "table name")
                            ? relation(f.appliesTo(), fp + "/applies_to", "filter")
                            : Optional.empty();
                    if (rel.isEmpty()) {
                        continue;
                    }
                    scope = List.of(rel.get());
                }
                if (f.predicate().isEmpty()) {
                    continue;
                }
                boolean onSource = f.appliesTo() != null && !f.appliesTo().equals(m.name());
                String name = f.appliesTo() == null ? "filter" : "filter on '" + f.appliesTo() + "'";
                List<Relation> filterScope = scope;
                fragment(
                                f.predicate(),
                                null,
                                fp + "/predicate",
                                name,
                                scope,
                                List.of(),
                                new Use(FragmentPlace.FILTER, null, null))
                        .ifPresent(x -> {
                            filterFragments.put(f, x);
                            checkFilterStage(x, fp + "/predicate", onSource, filterScope);
                        });
            }
        }

        /**
         * A filter applies at the stage its predicate needs (see {@link FilterStage}); these are the stages its place
         * in the model cannot have, and SP408 for a window whose order can tie.
         */
        private void checkFilterStage(ParsedFragment x, String pointer, boolean onSource, List<Relation> scope) {
            FilterStage stage = FilterStage.of(x);
            boolean aggregates = !m.aggregations().isEmpty() || !m.groupBy().isEmpty();
            if (stage == FilterStage.HAVING && onSource) {
                r.error(
                        DiagnosticCode.SP303,
                        pointer,
                        "filter predicate on a source uses an aggregate function",
                        "a filter on a source applies to its rows before any join or grouping; filter groups with"
                                + " a model filter (no applies_to) in a model that aggregates");
            } else if (stage == FilterStage.HAVING && !aggregates) {
                r.error(
                        DiagnosticCode.SP219,
                        pointer,
                        "filter predicate uses an aggregate function, so it filters groups (HAVING), but model '"
                                + m.name() + "' has no group_by or aggregations",
                        DiagnosticCode.SP219.fix());
            } else if (stage == FilterStage.QUALIFY && !onSource && aggregates) {
                r.error(
                        DiagnosticCode.SP220,
                        pointer,
                        "filter predicate uses a window function, but model '" + m.name()
                                + "' aggregates: a window filter applies to the rows of a model that does not group",
                        DiagnosticCode.SP220.fix());
            } else if (stage == FilterStage.QUALIFY) {
                checkWindowOrder(x, pointer, scope);
            }
        }

        /**
         * SP408: an order-sensitive window (ROW_NUMBER, LAG, FIRST_VALUE, ...) whose PARTITION BY and ORDER BY do not
         * make each row's place unique. Unique is known only where a key is: the primary key of the one upstream
         * model the filter reads (the source DDL declares no keys); without a known key only a missing ORDER BY is
         * reported.
         */
        private void checkWindowOrder(ParsedFragment x, String pointer, List<Relation> scope) {
            List<String> key = List.of();
            if (scope.size() == 1 && scope.get(0).isModel()) {
                Model upstream = modelsByName.get(scope.get(0).ref().table());
                if (upstream != null) {
                    key = upstream.constraints().primaryKey();
                }
            }
            for (WindowCalls.Call call : WindowCalls.find(x.expression())) {
                if (!call.orderSensitive()) {
                    continue;
                }
                Set<String> ordered = new LinkedHashSet<>();
                for (Expression e : call.partition()) {
                    columnName(e).ifPresent(ordered::add);
                }
                for (Expression e : call.orderBy()) {
                    columnName(e).ifPresent(ordered::add);
                }
                List<String> missing = key.stream()
                        .filter(k -> !ordered.contains(k.toLowerCase(Locale.ROOT)))
                        .toList();
                String add = key.isEmpty()
                        ? ""
                        : " (add " + String.join(", ", missing) + ", the primary key of '"
                                + scope.get(0).alias() + "')";
                String message;
                if (call.orderBy().isEmpty()) {
                    message = call.name() + "() has no ORDER BY in its window, so which rows it keeps is the engine's"
                            + " choice";
                } else if (!key.isEmpty() && !missing.isEmpty()) {
                    message = call.name() + "()'s PARTITION BY and ORDER BY do not cover the primary key ("
                            + String.join(", ", key) + "), so rows can tie and which of them are kept is the engine's"
                            + " choice";
                } else {
                    continue;
                }
                int offset = x.text().toUpperCase(Locale.ROOT).indexOf(call.name() + "(");
                r.inString(
                        Severity.WARNING,
                        DiagnosticCode.SP408,
                        pointer,
                        1,
                        FragmentLocation.jsonColumn(x.text(), Math.max(0, offset)),
                        message,
                        "order the window by columns that are unique within each partition" + add);
            }
        }

        private static Optional<String> columnName(Expression e) {
            return e instanceof net.sf.jsqlparser.schema.Column c
                    ? Optional.of(BigQuerySyntax.refOf(c).column().toLowerCase(Locale.ROOT))
                    : Optional.empty();
        }

        private void checkAggregations() {
            for (int i = 0; i < m.aggregations().size(); i++) {
                Aggregation a = m.aggregations().get(i);
                String ap = p + "/aggregations/" + i;
                checkIdentifier(a.metricColumn(), ap + "/metric_column", "metric name");
                checkType(a.type(), ap + "/type");
                if (a.formula().isEmpty()) {
                    continue;
                }
                fragment(
                                a.formula(),
                                null,
                                ap + "/formula",
                                "formula of '" + a.metricColumn() + "'",
                                List.copyOf(relations.values()),
                                List.of(),
                                new Use(FragmentPlace.SELECT_ITEM, a.metricColumn(), a.type()))
                        .ifPresent(f -> {
                            if (!f.containsAggregate()) {
                                r.error(
                                        DiagnosticCode.SP302,
                                        ap + "/formula",
                                        "formula of '" + a.metricColumn() + "' is not an aggregate: "
                                                + Names.show(a.formula()),
                                        DiagnosticCode.SP302.fix());
                            }
                        });
            }
        }

        private void checkGroupBy() {
            Set<String> mapped = m.columns().stream()
                    .map(c -> c.targetColumn().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            for (int i = 0; i < m.groupBy().size(); i++) {
                String g = m.groupBy().get(i);
                String gp = p + "/group_by/" + i;
                if (!checkIdentifier(g, gp, "group_by column")) {
                    continue;
                }
                if (mapped.contains(g.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                List<Relation> having = relations.values().stream()
                        .filter(x -> x.column(g).isPresent())
                        .toList();
                having.forEach(x -> usedAliases.add(x.alias()));
                boolean allKnown = relations.values().stream().allMatch(Relation::known);
                if (having.isEmpty() && allKnown && !relations.isEmpty()) {
                    r.error(
                            DiagnosticCode.SP213,
                            gp,
                            "group_by column '" + g + "' is not a column of any source (sources: " + sourceList() + ")",
                            DiagnosticCode.SP213.fix());
                }
                if (!allKnown) {
                    usageUnknown = true;
                }
            }
        }

        private void computeOutputs() {
            List<Column> out = new ArrayList<>();
            if (m.columns().isEmpty() && !m.aggregations().isEmpty()) {
                for (String g : m.groupBy()) {
                    out.add(new Column(g, sourceColumnType(g)));
                }
            }
            if (m.columns().isEmpty()
                    && m.aggregations().isEmpty()
                    && m.constraints().isScd2()) {
                // SCD2 pass-through: the single source's columns, then the validity columns
                if (relations.size() == 1
                        && relations.values().iterator().next().known()) {
                    out.addAll(relations.values().iterator().next().columns());
                } else {
                    outputsKnown = false;
                }
            }
            for (ColumnMapping c : m.columns()) {
                if (c.targetColumn().isEmpty()) {
                    continue;
                }
                String type = c.type();
                if (type == null
                        && c.transform() == null
                        && c.fromTable() != null
                        && relations.containsKey(c.fromTable())) {
                    type = relations
                            .get(c.fromTable())
                            .column(c.fromColumn() == null ? "" : c.fromColumn())
                            .map(Column::type)
                            .orElse(null);
                }
                out.add(new Column(c.targetColumn(), type == null ? null : SqlTypes.normalise(type)));
            }
            for (Aggregation a : m.aggregations()) {
                if (a.metricColumn().isEmpty()) {
                    continue;
                }
                out.add(new Column(a.metricColumn(), a.type() == null ? null : SqlTypes.normalise(a.type())));
            }
            Constraints k = m.constraints();
            if (k.isScd2()) {
                for (String[] scd : new String[][] {
                    {k.effectiveAt(), "TIMESTAMP"}, {k.expiryAt(), "TIMESTAMP"}, {k.currentFlag(), "BOOL"}
                }) {
                    if (scd[0] != null && out.stream().noneMatch(c -> c.name().equalsIgnoreCase(scd[0]))) {
                        out.add(new Column(scd[0], scd[1]));
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            for (Column c : out) {
                if (seen.add(c.name().toLowerCase(Locale.ROOT))) {
                    outputsByName.put(c.name().toLowerCase(Locale.ROOT), c);
                } else if (m.columns().stream().noneMatch(x -> x.targetColumn().equalsIgnoreCase(c.name()))
                        || m.aggregations().stream()
                                .anyMatch(x -> x.metricColumn().equalsIgnoreCase(c.name()))) {
                    // mapped duplicates are reported in checkColumnMappings; here: metric vs column or key clashes
                    int idx = indexOfMetric(c.name());
                    r.error(
                            DiagnosticCode.SP203,
                            idx >= 0 ? p + "/aggregations/" + idx + "/metric_column" : p,
                            "model '" + name + "' outputs column '" + c.name() + "' twice",
                            "rename one of them");
                }
            }
            if (outputsKnown) {
                outputs.put(m.name(), List.copyOf(outputsByName.values()));
            }
        }

        private int indexOfMetric(String name) {
            for (int i = 0; i < m.aggregations().size(); i++) {
                if (m.aggregations().get(i).metricColumn().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        private String sourceColumnType(String column) {
            return relations.values().stream()
                    .map(x -> x.column(column))
                    .flatMap(Optional::stream)
                    .map(Column::type)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }

        private boolean isOutput(String column) {
            return !outputsKnown || outputsByName.containsKey(column.toLowerCase(Locale.ROOT));
        }

        private String outputList() {
            return abbreviate(outputsByName.values().stream().map(Column::name).toList());
        }

        private void checkConstraints() {
            Constraints k = m.constraints();
            String kp = p + "/constraints";
            for (String pk : k.primaryKey()) {
                if (checkIdentifier(pk, kp + "/primary_key", "primary key column") && !isOutput(pk)) {
                    r.error(
                            DiagnosticCode.SP208,
                            kp + "/primary_key",
                            "primary key '" + pk + "' is not an output column of '" + name + "'",
                            "output columns: " + outputList());
                }
            }
            for (String c : k.clusterBy()) {
                if (checkIdentifier(c, kp + "/cluster_by", "cluster_by column") && !isOutput(c)) {
                    r.error(
                            DiagnosticCode.SP207,
                            kp + "/cluster_by",
                            "cluster_by column '" + c + "' is not an output column of '" + name + "'",
                            "output columns: " + outputList());
                }
            }
            if (k.partitionBy() != null) {
                fragment(
                        k.partitionBy(),
                        null,
                        kp + "/partition_by",
                        "partition_by",
                        null,
                        outputColumnsForScope(),
                        new Use(FragmentPlace.SELECT_ITEM, null, null));
            }
            if (k.isScd2()) {
                checkScd2(k, kp);
            } else if (k.naturalKey().size()
                            + (k.effectiveAt() == null ? 0 : 1)
                            + (k.expiryAt() == null ? 0 : 1)
                            + (k.currentFlag() == null ? 0 : 1)
                    > 0) {
                r.warning(
                        DiagnosticCode.SP214,
                        kp,
                        "SCD2 fields are set but scd_type is not 2; they are ignored",
                        "set \"scd_type\": 2 or remove natural_key/effective_at/expiry_at/current_flag");
            }
        }

        /**
         * The {@code incremental} block (SP236-SP239, SP409). The watermark becomes a WHERE predicate on the joined
         * source rows (see {@code plan.IncrementalPlan}), so it must be a column computed row by row: a plain
         * column of the model, which in a grouped model is a group key. A filter on a group key drops whole groups
         * and never part of one, so every group a run writes is complete; a watermark on an aggregate, a window
         * column or a model whose windows run over the joined rows could not be made correct this way.
         */
        private void checkIncremental() {
            Incremental inc = m.incremental();
            String ip = p + "/incremental";
            if (inc.equals(Incremental.NONE)) {
                return;
            }
            if (m.constraints().isScd2()) {
                r.error(
                        DiagnosticCode.SP236,
                        ip,
                        "model '" + name + "' is SCD2; its history is kept by the natural key, not by an incremental"
                                + " block",
                        "remove the incremental block (SCD2 models are always incremental)");
                return;
            }
            if (m.effectiveMaterialization() != Materialization.INCREMENTAL) {
                r.error(
                        DiagnosticCode.SP236,
                        ip,
                        "model '" + name + "' has an incremental block but is materialized as "
                                + m.effectiveMaterialization().id(),
                        "set \"materialization\": \"incremental\" or remove the incremental block");
                return;
            }
            for (String key : inc.uniqueKey()) {
                if (checkIdentifier(key, ip + "/unique_key", "unique_key column") && !isOutput(key)) {
                    r.error(
                            DiagnosticCode.SP237,
                            ip + "/unique_key",
                            "unique_key '" + key + "' is not an output column of '" + name + "'",
                            "output columns: " + outputList());
                }
            }
            if (!inc.uniqueKey().isEmpty()
                    && inc.uniqueKey().stream().allMatch(this::isOutput)
                    && !sameNames(inc.uniqueKey(), m.constraints().primaryKey())) {
                boolean uniqueTested = inc.uniqueKey().size() == 1
                        && m.columns().stream()
                                .filter(c -> c.targetColumn()
                                        .equalsIgnoreCase(inc.uniqueKey().get(0)))
                                .anyMatch(c -> c.tests().stream().anyMatch(t -> t instanceof DataTest.Unique));
                if (!uniqueTested) {
                    r.warning(
                            DiagnosticCode.SP409,
                            ip + "/unique_key",
                            "unique_key " + String.join(", ", inc.uniqueKey()) + " of '" + name
                                    + "' is neither its primary_key nor a column with a unique test; a merge by a"
                                    + " key that is not unique updates several rows with one",
                            "declare it as the primary_key (or add a unique test), or leave unique_key out to merge by"
                                    + " the primary key");
                }
            }
            if (inc.lookback() != null && !IntervalLiteral.isValid(inc.lookback())) {
                r.error(
                        DiagnosticCode.SP238,
                        ip + "/lookback",
                        "lookback " + Names.show(inc.lookback()) + " is not a BigQuery INTERVAL literal",
                        "write INTERVAL <n> <DAY|HOUR|MINUTE|SECOND>, e.g. \"INTERVAL 3 DAY\"");
            }
            checkIncrementalFilters(inc);
            if (inc.updatedAt() == null) {
                if (inc.lookback() != null) {
                    r.error(
                            DiagnosticCode.SP238,
                            ip + "/lookback",
                            "lookback is set but updated_at is not: there is no watermark to move back",
                            "add \"updated_at\": \"<column>\" or remove lookback");
                }
                return;
            }
            String wp = ip + "/updated_at";
            if (!checkIdentifier(inc.updatedAt(), wp, "updated_at column")) {
                return;
            }
            ColumnMapping mapped = m.columns().stream()
                    .filter(c -> c.targetColumn().equalsIgnoreCase(inc.updatedAt()))
                    .findFirst()
                    .orElse(null);
            boolean metric =
                    m.aggregations().stream().anyMatch(a -> a.metricColumn().equalsIgnoreCase(inc.updatedAt()));
            boolean groupKey = m.groupBy().stream().anyMatch(g -> g.equalsIgnoreCase(inc.updatedAt()));
            if (mapped == null && !metric && !groupKey) {
                if (isOutput(inc.updatedAt())) {
                    return; // a pass-through column: reported nowhere else, and not planned as a watermark
                }
                r.error(
                        DiagnosticCode.SP237,
                        wp,
                        "updated_at '" + inc.updatedAt() + "' is not an output column of '" + name + "'",
                        "output columns: " + outputList());
                return;
            }
            ParsedFragment transform = mapped == null ? null : transforms.get(mapped.targetColumn());
            String unsafe = null;
            if (metric || (transform != null && transform.containsAggregate())) {
                unsafe = "is an aggregate: filtering the input rows by it would drop the older rows of a group and"
                        + " write a wrong total";
            } else if (transform != null && WindowCalls.contains(transform.expression())) {
                unsafe = "is a window function, which a WHERE clause cannot hold";
            } else if (m.filters().stream()
                    .filter(f -> f.appliesTo() == null || f.appliesTo().equals(m.name()))
                    .map(f -> filterFragments.get(f))
                    .anyMatch(x -> x != null && FilterStage.of(x) == FilterStage.QUALIFY)) {
                unsafe = "would restrict the rows a QUALIFY filter's window sees to the run's rows; put the QUALIFY"
                        + " on the source it deduplicates (applies_to)";
            } else if (relations.size() > 1 && !connected()) {
                unsafe = "is read from one of several sources that are not joined (they are aggregated apart or"
                        + " cross-joined), so the other sources' rows would not be filtered";
            }
            if (unsafe != null) {
                r.error(
                        DiagnosticCode.SP239,
                        wp,
                        "updated_at '" + inc.updatedAt() + "' of '" + name + "' " + unsafe,
                        DiagnosticCode.SP239.fix());
                return;
            }
            String type = outputsByName.containsKey(inc.updatedAt().toLowerCase(Locale.ROOT))
                    ? outputsByName
                            .get(inc.updatedAt().toLowerCase(Locale.ROOT))
                            .type()
                    : null;
            if (type != null
                    && type.strip().equalsIgnoreCase("DATE")
                    && IntervalLiteral.parse(inc.lookback())
                            .filter(l -> !l.unit().equals("DAY"))
                            .isPresent()) {
                r.error(
                        DiagnosticCode.SP238,
                        ip + "/lookback",
                        "updated_at '" + inc.updatedAt() + "' is a DATE, which a lookback of hours, minutes or"
                                + " seconds cannot move",
                        "write the lookback in days, e.g. \"INTERVAL 1 DAY\"");
            }
            if (type != null && !IntervalLiteral.orderable(type, inc.lookback() != null)) {
                r.error(
                        DiagnosticCode.SP239,
                        wp,
                        "updated_at '" + inc.updatedAt() + "' is " + type
                                + (inc.lookback() != null
                                        ? ", which an INTERVAL cannot be subtracted from"
                                        : ", which is no watermark"),
                        "use a TIMESTAMP, DATETIME or DATE column" + (inc.lookback() != null ? "" : " (or INT64)"));
            }
        }

        /**
         * SP410: a WHERE or HAVING filter of an incremental model that reads a column other than the merge key. A
         * batch row that fails it is left out of the batch, so the stored row of the same key is neither updated
         * nor deleted: an order cancelled after it was stored stays as it was, where a full rebuild drops it. A
         * filter on the key alone cannot change its mind about a stored key. A QUALIFY dedup keeps one row per
         * partition and so drops no key; it is not reported. Without a key the batch is appended and nothing
         * stored is ever revisited, so the warning would say nothing new.
         */
        private void checkIncrementalFilters(Incremental inc) {
            List<String> key = inc.uniqueKey().isEmpty() ? m.constraints().primaryKey() : inc.uniqueKey();
            if (key.isEmpty()) {
                return;
            }
            Set<String> keyNames = new HashSet<>();
            Set<String> keySources = new HashSet<>();
            for (String k : key) {
                keyNames.add(k.toLowerCase(Locale.ROOT));
                m.columns().stream()
                        .filter(c ->
                                c.targetColumn().equalsIgnoreCase(k) && c.transform() == null && c.fromColumn() != null)
                        .forEach(c -> {
                            keyNames.add(c.fromColumn().toLowerCase(Locale.ROOT));
                            if (c.fromTable() != null) {
                                keySources.add((c.fromTable() + "." + c.fromColumn()).toLowerCase(Locale.ROOT));
                            }
                        });
            }
            for (int i = 0; i < m.filters().size(); i++) {
                Filter f = m.filters().get(i);
                ParsedFragment x = filterFragments.get(f);
                if (x == null || FilterStage.of(x) == FilterStage.QUALIFY) {
                    continue;
                }
                List<String> others = x.columns().stream()
                        .filter(c -> c.qualifier() == null
                                ? !keyNames.contains(c.column().toLowerCase(Locale.ROOT))
                                : !keySources.contains(c.qualifiedName().toLowerCase(Locale.ROOT))
                                        && !keySources.contains(
                                                (f.appliesTo() + "." + c.column()).toLowerCase(Locale.ROOT)))
                        .map(ColumnRef::column)
                        .distinct()
                        .toList();
                if (others.isEmpty()) {
                    continue;
                }
                r.warning(
                        DiagnosticCode.SP410,
                        p + "/filters/" + i + "/predicate",
                        "filter " + Names.show(f.predicate()) + " of incremental model '" + name + "' reads "
                                + String.join(", ", others) + ", not only its unique key "
                                + String.join(", ", key)
                                + ": a stored row that stops passing it stays in the table until a full refresh (a"
                                + " merge updates and inserts, it never deletes)",
                        DiagnosticCode.SP410.fix());
            }
        }

        private boolean connected() {
            Map<String, String> parent = new HashMap<>();
            relations.keySet().forEach(a -> parent.put(a, a));
            for (Join j : m.joins()) {
                if (parent.containsKey(j.leftTable()) && parent.containsKey(j.rightTable())) {
                    parent.put(find(parent, j.leftTable()), find(parent, j.rightTable()));
                }
            }
            return relations.keySet().stream()
                            .map(a -> find(parent, a))
                            .distinct()
                            .count()
                    <= 1;
        }

        private static boolean sameNames(List<String> a, List<String> b) {
            return a.stream()
                    .map(x -> x.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet())
                    .equals(b.stream().map(x -> x.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        }

        private void checkScd2(Constraints k, String kp) {
            if (k.naturalKey().isEmpty()) {
                r.error(
                        DiagnosticCode.SP214,
                        kp,
                        "SCD2 model '" + name + "' has no natural_key",
                        DiagnosticCode.SP214.fix());
            }
            for (String nk : k.naturalKey()) {
                if (checkIdentifier(nk, kp + "/natural_key", "natural key column") && !isOutput(nk)) {
                    r.error(
                            DiagnosticCode.SP214,
                            kp + "/natural_key",
                            "natural key '" + nk + "' is not a column of '" + name + "'",
                            "output columns: " + outputList());
                }
            }
            String[][] fields = {
                {"effective_at", k.effectiveAt()}, {"expiry_at", k.expiryAt()}, {"current_flag", k.currentFlag()}
            };
            Set<String> names = new HashSet<>();
            for (String[] f : fields) {
                if (f[1] == null) {
                    r.error(
                            DiagnosticCode.SP214,
                            kp,
                            "SCD2 model '" + name + "' has no " + f[0],
                            DiagnosticCode.SP214.fix());
                } else if (checkIdentifier(f[1], kp + "/" + f[0], f[0] + " column")) {
                    if (!names.add(f[1].toLowerCase(Locale.ROOT))) {
                        r.error(
                                DiagnosticCode.SP214,
                                kp + "/" + f[0],
                                "SCD2 column '" + f[1] + "' is used twice",
                                "effective_at, expiry_at and current_flag need three different names");
                    }
                    boolean mapped =
                            m.columns().stream().anyMatch(c -> c.targetColumn().equalsIgnoreCase(f[1]));
                    Relation only = relations.size() == 1
                            ? relations.values().iterator().next()
                            : null;
                    if (mapped
                            || (m.columns().isEmpty()
                                    && only != null
                                    && only.column(f[1]).isPresent())) {
                        r.error(
                                DiagnosticCode.SP214,
                                kp + "/" + f[0],
                                "SCD2 column '" + f[1] + "' clashes with a column the model already outputs",
                                "choose another name for " + f[0]);
                    }
                }
            }
            if (m.columns().isEmpty() && m.aggregations().isEmpty() && relations.size() > 1) {
                r.error(
                        DiagnosticCode.SP214,
                        p + "/sources",
                        "an SCD2 model without column_mapping passes its source through, "
                                + "so it needs exactly one source (found " + relations.size() + ")",
                        "map the columns explicitly");
            }
            if (!k.primaryKey().isEmpty()) {
                r.warning(
                        DiagnosticCode.SP214,
                        kp + "/primary_key",
                        "an SCD2 model keeps several rows per natural key; " + "primary_key is checked per version",
                        "leave primary_key out; natural_key + effective_at identify a row");
            }
        }

        private List<Column> outputColumnsForScope() {
            return outputsKnown ? List.copyOf(outputsByName.values()) : null;
        }

        private void checkTests() {
            for (int i = 0; i < m.columns().size(); i++) {
                ColumnMapping c = m.columns().get(i);
                checkColumnTests(
                        c.targetColumn(),
                        c.tests(),
                        p + "/column_mapping/" + i + "/tests",
                        transforms.get(c.targetColumn()));
            }
            for (int i = 0; i < m.aggregations().size(); i++) {
                Aggregation a = m.aggregations().get(i);
                checkColumnTests(a.metricColumn(), a.tests(), p + "/aggregations/" + i + "/tests", null);
            }
        }

        private void checkColumnTests(String column, List<DataTest> tests, String tp, ParsedFragment transform) {
            // a test that failed to bind is already reported and left out, so the indexes after it shift: then locate
            // at the list
            boolean indexesHold = !shiftedTestLists.contains(tp);
            for (int i = 0; i < tests.size(); i++) {
                DataTest t = tests.get(i);
                if (t instanceof DataTest.AcceptedValues av && !av.values().isEmpty() && transform != null) {
                    checkAcceptedValuesCoverCase(
                            column, av, transform, indexesHold ? tp + "/" + i + "/accepted_values/values" : tp);
                }
                if (t instanceof DataTest.AcceptedValues av && av.values().isEmpty()) {
                    List<String> derived = transform == null ? List.of() : transform.caseLiteralOutputs();
                    if (av.fromTransform() && !derived.isEmpty()) {
                        String values =
                                derived.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
                        r.warning(
                                DiagnosticCode.SP402,
                                tp,
                                "accepted_values on '" + column + "' lists no values; the CASE transform yields "
                                        + derived.stream()
                                                .map(v -> "'" + v + "'")
                                                .collect(Collectors.joining(", ")) + ", which are used",
                                "write {\"accepted_values\": {\"values\": [" + values
                                        + "]}} to make the list explicit");
                    } else {
                        r.error(
                                DiagnosticCode.SP402,
                                tp,
                                "accepted_values on '" + column + "' lists no values and its transform is not a CASE"
                                        + " with literal results",
                                "write {\"accepted_values\": {\"values\": [...]}}");
                    }
                } else if (t instanceof DataTest.Relationships rel) {
                    checkRelationship(column, rel, tp);
                } else if (t instanceof DataTest.Expression ex) {
                    // {"expression": "..."}: positions inside the fragment are found only from its own string
                    String ep = indexesHold ? tp + "/" + i + "/expression" : tp;
                    fragment(
                                    ex.sql(),
                                    null,
                                    ep,
                                    "expression test on '" + column + "'",
                                    null,
                                    outputColumnsForScope(),
                                    new Use(FragmentPlace.ROW_TEST, null, null))
                            .ifPresent(f -> {
                                if (f.containsAggregate()) {
                                    r.error(
                                            DiagnosticCode.SP303,
                                            ep,
                                            "expression test on '" + column + "' uses an aggregate function",
                                            "expression tests are checked row by row");
                                }
                            });
                }
            }
        }

        /**
         * SP406: an explicit accepted_values list that misses a literal the column's CASE can return fails on the
         * first row that takes that branch, which only data that happens to hit it would show.
         */
        private void checkAcceptedValuesCoverCase(
                String column, DataTest.AcceptedValues av, ParsedFragment transform, String at) {
            List<String> missing = transform.caseLiteralOutputs().stream()
                    .filter(v -> av.values().stream().noneMatch(l -> sameValue(l, v)))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            String shown = missing.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
            r.warning(
                    DiagnosticCode.SP406,
                    at,
                    "accepted_values on '" + column + "' does not list " + shown
                            + ", which its CASE transform can return; a row with "
                            + (missing.size() == 1 ? "it" : "one of them") + " fails the test",
                    "add " + missing.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "))
                            + " to the values, or change the transform");
        }

        /** Whether an accepted value equals a CASE output: numbers by value (1 = 1.0), everything else by its text. */
        private static boolean sameValue(Literal l, String output) {
            if (l.isNull()) {
                return false;
            }
            if (l.text().equals(output)) {
                return true;
            }
            try {
                return new java.math.BigDecimal(l.text()).compareTo(new java.math.BigDecimal(output)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private void checkRelationship(String column, DataTest.Relationships rel, String tp) {
            if (rel.to().isEmpty() || rel.field().isEmpty()) {
                return;
            }
            SourceRef to = SourceRef.parse(rel.to());
            List<Column> target = null;
            if (to.isQualified()) {
                if (!to.schema().equals(spec.schema().raw()) || !Identifiers.isValid(to.table())) {
                    r.error(
                            DiagnosticCode.SP211,
                            tp,
                            "relationships test on '" + column + "' points at " + Names.show(rel.to())
                                    + ", which is neither a model nor a raw table",
                            "write a model name or " + spec.schema().raw() + ".<table>");
                    return;
                }
                if (ddl != null) {
                    Optional<SourceTable> t = ddl.table(to.schema(), to.table());
                    if (t.isEmpty()) {
                        r.error(
                                DiagnosticCode.SP211,
                                tp,
                                "relationships test on '" + column + "' points at unknown raw table '" + rel.to() + "'",
                                "add its DDL or fix the name");
                        return;
                    }
                    target = t.get().columns().stream()
                            .map(c -> new Column(c.name(), c.type()))
                            .toList();
                }
            } else {
                if (!modelsByName.containsKey(to.table())) {
                    r.error(
                            DiagnosticCode.SP211,
                            tp,
                            "relationships test on '" + column + "' points at unknown model " + Names.show(rel.to()),
                            Names.closest(to.table(), modelsByName.keySet())
                                    .map(c -> "did you mean '" + c + "'?")
                                    .orElse("models: " + abbreviate(List.copyOf(modelsByName.keySet()))));
                    return;
                }
                target = outputs.get(to.table());
                if (target == null && !graph.ancestors(m.name()).contains(to.table())) {
                    target = null; // not computed yet (a downstream model) or unknown: do not guess
                }
            }
            if (target != null && target.stream().noneMatch(c -> c.name().equalsIgnoreCase(rel.field()))) {
                r.error(
                        DiagnosticCode.SP211,
                        tp,
                        "relationships test on '" + column + "': '" + rel.to() + "' has no column '" + rel.field()
                                + "'",
                        "columns: "
                                + abbreviate(target.stream().map(Column::name).toList()));
            }
        }

        private void checkUnitTests() {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < m.unitTests().size(); i++) {
                UnitTest t = m.unitTests().get(i);
                String up = p + "/unit_tests/" + i;
                if (!t.name().isEmpty() && !names.add(t.name())) {
                    r.error(
                            DiagnosticCode.SP215,
                            up + "/name",
                            "unit test name '" + t.name() + "' is used twice in '" + name + "'",
                            "give each unit test its own name");
                }
                if (!t.name().isEmpty() && !Identifiers.isValid(t.name())) {
                    r.error(
                            DiagnosticCode.SP201,
                            up + "/name",
                            "unit test name " + Names.show(t.name()) + " is not a valid identifier",
                            "unit test names become test case and file names");
                }
                Set<String> inputs = new HashSet<>();
                for (int g = 0; g < t.given().size(); g++) {
                    UnitTest.Input in = t.given().get(g);
                    String gp = up + "/given/" + g;
                    // a union's rows are given per member, as each member is a table the model reads
                    Relation rel = java.util.stream.Stream.concat(
                                    relations.values().stream().filter(x -> x.union() == null), unionMembers.stream())
                            .filter(x -> x.ref().text().equals(in.input())
                                    || x.alias().equals(in.input()))
                            .findFirst()
                            .orElse(null);
                    if (rel == null) {
                        if (!in.input().isEmpty()) {
                            r.error(
                                    DiagnosticCode.SP215,
                                    gp + "/input",
                                    "unit test '" + t.name() + "' gives rows for " + Names.show(in.input())
                                            + ", which is not a source of '" + name + "'",
                                    "sources: "
                                            + m.inputs().stream()
                                                    .map(SourceRef::text)
                                                    .collect(Collectors.joining(", ")));
                        }
                        continue;
                    }
                    if (!inputs.add(rel.alias())) {
                        r.error(
                                DiagnosticCode.SP215,
                                gp + "/input",
                                "unit test '" + t.name() + "' gives rows for '" + in.input() + "' twice",
                                "merge the two row lists");
                    }
                    checkRows(
                            in.rows(),
                            gp + "/rows",
                            rel.known() ? rel.columns() : null,
                            "'" + rel.ref().text() + "'",
                            t.name());
                }
                checkRows(
                        t.expect(),
                        up + "/expect/rows",
                        outputColumnsForScope(),
                        "the output of '" + name + "'",
                        t.name());
            }
        }

        private void checkRows(
                List<java.util.Map<String, Literal>> rows, String rp, List<Column> columns, String what, String test) {
            if (columns == null) {
                return;
            }
            Set<String> known =
                    columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            Set<String> reported = new TreeSet<>();
            for (int i = 0; i < rows.size(); i++) {
                for (String col : rows.get(i).keySet()) {
                    if (!known.contains(col.toLowerCase(Locale.ROOT)) && reported.add(col)) {
                        r.report(
                                Severity.ERROR,
                                DiagnosticCode.SP215,
                                rp + "/" + i + "/" + io.github.specpipeline.core.json.SourceMap.token(col),
                                true,
                                "unit test '" + test + "': " + what + " has no column '" + col + "'",
                                Names.closest(
                                                col,
                                                columns.stream()
                                                        .map(Column::name)
                                                        .toList())
                                        .map(c -> "did you mean '" + c + "'?")
                                        .orElse("columns: "
                                                + abbreviate(columns.stream()
                                                        .map(Column::name)
                                                        .toList())));
                    }
                }
            }
        }

        /** Warnings about the grain: disconnected sources and implicit grouping. */
        private void checkGrain() {
            if (relations.size() > 1) {
                Map<String, String> parent = new HashMap<>();
                relations.keySet().forEach(a -> parent.put(a, a));
                for (Join j : m.joins()) {
                    if (parent.containsKey(j.leftTable()) && parent.containsKey(j.rightTable())) {
                        parent.put(find(parent, j.leftTable()), find(parent, j.rightTable()));
                    }
                }
                Map<String, List<String>> groups = new LinkedHashMap<>();
                relations
                        .keySet()
                        .forEach(a -> groups.computeIfAbsent(find(parent, a), x -> new ArrayList<>())
                                .add(a));
                if (groups.size() > 1) {
                    String parts = groups.values().stream()
                            .map(g -> String.join(" + ", g))
                            .collect(Collectors.joining("; "));
                    String hint = m.groupBy().isEmpty()
                            ? "add joins between them; without a join path the sources would be cross-joined"
                            : "add joins between them, or keep it: each source is aggregated by "
                                    + String.join(", ", m.groupBy())
                                    + " separately and the results are joined on those keys";
                    r.warning(
                            DiagnosticCode.SP401,
                            p + "/joins",
                            "sources of '" + name + "' are not connected by joins: " + parts,
                            hint);
                }
            }
            if (m.groupBy().isEmpty()) {
                List<String> aggregated = new ArrayList<>();
                List<String> plain = new ArrayList<>();
                for (ColumnMapping c : m.columns()) {
                    ParsedFragment f = transforms.get(c.targetColumn());
                    if (f != null && f.containsAggregate()) {
                        aggregated.add(c.targetColumn());
                    } else if (c.transform() == null || f != null) {
                        plain.add(c.targetColumn());
                    }
                }
                m.aggregations().forEach(a -> aggregated.add(a.metricColumn()));
                if (!aggregated.isEmpty() && !plain.isEmpty()) {
                    r.warning(
                            DiagnosticCode.SP403,
                            m.columns().isEmpty() ? p : p + "/column_mapping",
                            "model '" + name + "' mixes aggregated columns (" + abbreviate(aggregated)
                                    + ") with plain columns (" + abbreviate(plain)
                                    + ") and has no group_by; it is grouped by the plain columns",
                            "add \"group_by\": ["
                                    + plain.stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(", ")) + "]");
                }
            }
        }

        private String find(Map<String, String> parent, String a) {
            String x = a;
            while (!parent.get(x).equals(x)) {
                x = parent.get(x);
            }
            return x;
        }

        private void checkUnusedSources() {
            if (relations.size() < 2 || usageUnknown) {
                return;
            }
            for (int i = 0; i < m.sources().size(); i++) {
                String alias = m.sources().get(i).table();
                if (relations.containsKey(alias) && !usedAliases.contains(alias)) {
                    r.warning(
                            DiagnosticCode.SP405,
                            p + "/sources/" + i,
                            "source '" + m.sources().get(i).text() + "' of '" + name + "' is never read",
                            DiagnosticCode.SP405.fix());
                }
            }
        }

        /**
         * Parses a fragment and resolves its columns. Qualified columns resolve against the model's sources;
         * unqualified ones against {@code scope} (sources) or {@code outputScope} (output columns, for tests).
         * A null {@code outputScope} means the output columns are unknown: nothing is checked against them.
         */
        private Optional<ParsedFragment> fragment(
                String text,
                String fromReplacement,
                String pointer,
                String what,
                List<Relation> scope,
                List<Column> outputScope,
                Use use) {
            if (expansionFailed.contains(pointer)) {
                return Optional.empty();
            }
            boolean onOutput = scope == null;
            if (onOutput) {
                scope = List.of();
            }
            ParsedFragment f;
            try {
                f = SqlFragments.analyze(text, fromReplacement);
            } catch (SqlFragmentException e) {
                if (e.beyondLimit()) {
                    r.inString(
                            Severity.ERROR,
                            DiagnosticCode.SP306,
                            pointer,
                            e.line(),
                            e.column(),
                            what + " is too complex to read: " + e.getMessage(),
                            DiagnosticCode.SP306.fix());
                    return Optional.empty();
                }
                r.inString(
                        Severity.ERROR,
                        DiagnosticCode.SP301,
                        pointer,
                        e.line(),
                        e.column(),
                        what + " is not a valid SQL expression: " + e.getMessage(),
                        DiagnosticCode.SP301.fix());
                return Optional.empty();
            }
            listener.parsed(pointer, f);
            // a "__from__" stands for a from_table/from_column that is already reported
            if (analyzed != null && !m.name().isEmpty() && !"__from__.__from__".equals(fromReplacement)) {
                analyzed.add(new AnalyzedFragment(
                        m.name(),
                        use.place() == FragmentPlace.FILTER ? FragmentPlace.of(FilterStage.of(f)) : use.place(),
                        pointer,
                        text,
                        fromReplacement,
                        what,
                        onOutput ? null : scopeTables(scope),
                        use.column(),
                        use.declaredType(),
                        f.containsAggregate()));
            }
            for (ColumnRef ref : f.columns()) {
                if (ref.qualifier() != null) {
                    if ("__from__".equals(ref.qualifier())) {
                        continue;
                    }
                    if (onOutput) {
                        unresolved(
                                pointer,
                                f,
                                FragmentLocation.start(f, ref),
                                what + " qualifies column '" + ref.qualifier() + "." + ref.column()
                                        + "'; it is evaluated on the model's output, so write the bare column name",
                                "");
                        continue;
                    }
                    Optional<Relation> rel = relation(ref.qualifier(), pointer, what);
                    if (rel.isPresent()
                            && rel.get().known()
                            && rel.get().column(ref.column()).isEmpty()) {
                        unresolved(
                                pointer,
                                f,
                                FragmentLocation.columnName(f, ref),
                                what + " references '" + ref.qualifier() + "." + ref.column() + "', but '"
                                        + rel.get().alias() + "' has no column '" + ref.column() + "'",
                                suggestColumn(ref.column(), rel.get()));
                    }
                    continue;
                }
                if (!onOutput) {
                    List<Relation> having = scope.stream()
                            .filter(x -> x.column(ref.column()).isPresent())
                            .toList();
                    boolean allKnown = scope.stream().allMatch(Relation::known);
                    having.forEach(x -> usedAliases.add(x.alias()));
                    if (!allKnown) {
                        usageUnknown = true;
                    }
                    if (having.isEmpty() && allKnown && !scope.isEmpty()) {
                        List<String> all = scope.stream()
                                .flatMap(x -> x.names().stream())
                                .distinct()
                                .toList();
                        unresolved(
                                pointer,
                                f,
                                FragmentLocation.columnName(f, ref),
                                what + " references unknown column '"
                                        + ref.column() + "' (sources: "
                                        + scope.stream().map(Relation::alias).collect(Collectors.joining(", ")) + ")",
                                Names.closest(ref.column(), all)
                                        .map(c -> "did you mean '" + c + "'?")
                                        .orElse(DiagnosticCode.SP207.fix()));
                    } else if (having.size() > 1 && !m.groupBy().contains(ref.column())) {
                        r.warning(
                                DiagnosticCode.SP216,
                                pointer,
                                what + ": column '" + ref.column() + "' is ambiguous; it exists in "
                                        + having.stream().map(Relation::alias).collect(Collectors.joining(" and ")),
                                "qualify it, e.g. " + having.get(0).alias() + "." + ref.column());
                    }
                } else if (outputScope != null
                        && outputScope.stream().noneMatch(c -> c.name().equalsIgnoreCase(ref.column()))) {
                    unresolved(
                            pointer,
                            f,
                            FragmentLocation.columnName(f, ref),
                            what + " references '" + ref.column() + "', which is not an output column of '" + name
                                    + "'",
                            Names.closest(
                                            ref.column(),
                                            outputScope.stream()
                                                    .map(Column::name)
                                                    .toList())
                                    .map(c -> "did you mean '" + c + "'?")
                                    .orElse("output columns: " + outputList()));
                }
            }
            return Optional.of(f);
        }

        /**
         * The tables of a fragment's statement; an unknown one when a source of the model did not resolve (it is
         * reported, and the fragment's names from it would be reported again).
         */
        private List<AnalyzedFragment.ScopeTable> scopeTables(List<Relation> scope) {
            List<AnalyzedFragment.ScopeTable> tables = new ArrayList<>();
            scope.forEach(rel -> tables.add(scopeTable(rel)));
            if (relations.size() < m.relations().size()) {
                tables.add(new AnalyzedFragment.ScopeTable("", null, null));
            }
            return tables;
        }

        /** A source as GoogleSQL's statement for a fragment names it; unknown columns leave it unknown. */
        private AnalyzedFragment.ScopeTable scopeTable(Relation rel) {
            if (rel.union() != null) {
                return new AnalyzedFragment.ScopeTable(rel.alias(), null, null, rel.union());
            }
            if (!rel.known()) {
                return new AnalyzedFragment.ScopeTable(rel.alias(), null, null);
            }
            if (rel.isModel()) {
                return new AnalyzedFragment.ScopeTable(
                        rel.alias(), null, rel.ref().table());
            }
            return new AnalyzedFragment.ScopeTable(rel.alias(), rel.ref().text(), null);
        }

        /** SP207 located at {@code offset} in the fragment's text: at the column, not at the fragment's start. */
        private void unresolved(String pointer, ParsedFragment f, int offset, String message, String hint) {
            if (pointer.endsWith("/tests")) {
                r.error(DiagnosticCode.SP207, pointer, message, hint); // a test list: the string itself is not known
                return;
            }
            r.inString(
                    Severity.ERROR,
                    DiagnosticCode.SP207,
                    pointer,
                    1,
                    FragmentLocation.jsonColumn(f.text(), offset),
                    message,
                    hint);
        }
    }

    /**
     * How the model's SQL uses a fragment, for GoogleSQL's analysis.
     *
     * @param column       the output column it computes, or null
     * @param declaredType that column's declared type, or null
     */
    private record Use(FragmentPlace place, String column, String declaredType) {}

    private static String abbreviate(List<String> names) {
        if (names.size() <= 12) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
    }
}
