package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.engine.bigquery.Analysis;
import io.github.specpipeline.core.engine.bigquery.BigQueryType;
import io.github.specpipeline.core.engine.bigquery.CachedAnalyzer;
import io.github.specpipeline.core.engine.bigquery.EngineUnavailableException;
import io.github.specpipeline.core.engine.bigquery.SqlError;
import io.github.specpipeline.core.engine.bigquery.TableColumn;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.parse.Names;
import io.github.specpipeline.core.sql.SqlTypes;
import io.github.specpipeline.core.validate.AnalyzedFragment.ScopeTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation by BigQuery's own analyzer (GoogleSQL): each SQL fragment that passed the checks of {@link SpecValidator}
 * is analyzed in the statement its model's SQL puts it in, against the source DDL and the output columns (declared or
 * analyzed types) of upstream models. GoogleSQL's errors become located diagnostics (SP231 to SP233), and each
 * transform's and formula's result type is held to its column's declared type (SP234, SP235).
 *
 * <p>One diagnostic per problem: a fragment that already has an error of the validator's own checks (a syntax error,
 * an unknown column, an aggregate in a filter) is not analyzed again, and GoogleSQL's complaints that the validator
 * owns with its own code (grouping: SP403; ambiguous columns: SP216) are left to it.
 *
 * <p>To keep the cost down, the fragments of one model that share a statement shape are analyzed together in one
 * statement; only when GoogleSQL rejects it is each analyzed alone, to locate every error. Where the native engine
 * cannot run, the check says so once (SP230, information) and validation keeps the validator's own findings.
 */
final class GoogleSqlCheck {
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized name: ([^;\\s]+)");
    private static final Pattern NOT_INSIDE = Pattern.compile("Name (\\S+) not found inside (\\S+)");
    private static final Pattern DID_YOU_MEAN =
            Pattern.compile("[;,]?\\s*Did you mean ([^?]+)\\?", Pattern.CASE_INSENSITIVE);

    private final Reporter r;
    private final SourceCatalog ddl;
    /** Models analyzed in one statement (see {@link #wave}); a wave's statement stays a few dozen KB. */
    static final int WAVE = 25;

    private final Map<String, List<Column>> outputs;
    private final CachedAnalyzer analyzer;
    /** Output columns with every type known (declared, copied or analyzed), per model analyzed so far. */
    private final Map<String, List<Column>> typed = new HashMap<>();
    /** GoogleSQL's CAST type per type text, whole raw tables, CTEs per model: asked for every fragment. */
    private final Map<String, Optional<String>> castTypes = new HashMap<>();

    private final Map<String, Boolean> wholeTables = new HashMap<>();
    private final Map<String, String> ctes = new HashMap<>();

    /** Pointers with a finding the validator's own checks own: not analyzed again. */
    private final Set<String> reported = new HashSet<>();

    private GoogleSqlCheck(Reporter r, SourceCatalog ddl, Map<String, List<Column>> outputs, CachedAnalyzer analyzer) {
        this.r = r;
        this.ddl = ddl;
        this.outputs = outputs;
        this.analyzer = analyzer;
        for (Diagnostic d : r.sink().sorted()) {
            if (d.isError() || d.code() == DiagnosticCode.SP216) {
                reported.add(d.pointer());
            }
        }
    }

    /**
     * Analyzes {@code fragments} (in the validator's order: upstream models first, each model's SELECT items before
     * its tests) and reports what GoogleSQL finds.
     *
     * @param ddl     the source DDL, or null when none was given
     * @param outputs each model's output columns as the validator computed them (a null type when not declared)
     */
    static void run(
            List<AnalyzedFragment> fragments, SourceCatalog ddl, Map<String, List<Column>> outputs, Reporter r) {
        if (fragments.isEmpty()) {
            return;
        }
        SourceCatalog catalog = ddl == null ? SourceCatalog.empty() : ddl;
        try (CachedAnalyzer analyzer = CachedAnalyzer.over(catalog)) {
            GoogleSqlCheck check = new GoogleSqlCheck(r, catalog, outputs, analyzer);
            Map<String, List<AnalyzedFragment>> byModel = new LinkedHashMap<>();
            for (AnalyzedFragment f : fragments) {
                byModel.computeIfAbsent(f.model(), m -> new ArrayList<>()).add(f);
            }
            try {
                // models in waves: a wave holds no model that reads another of the same wave, so the types of every
                // source of a wave are known when its statement is written
                Map<String, List<AnalyzedFragment>> wave = new LinkedHashMap<>();
                for (Map.Entry<String, List<AnalyzedFragment>> e : byModel.entrySet()) {
                    if (wave.size() == WAVE || readsAny(e.getValue(), wave.keySet())) {
                        check.wave(wave);
                        wave.clear();
                    }
                    wave.put(e.getKey(), e.getValue());
                }
                check.wave(wave);
            } catch (EngineUnavailableException e) {
                r.report(
                        Severity.INFO,
                        DiagnosticCode.SP230,
                        "",
                        false,
                        e.getMessage() + "; SQL fragments were checked by spec-pipeline's own rules only",
                        DiagnosticCode.SP230.fix());
            }
        }
    }

    private static boolean readsAny(List<AnalyzedFragment> fragments, Set<String> models) {
        return fragments.stream()
                .filter(f -> f.scope() != null)
                .flatMap(f -> f.scope().stream())
                .flatMap(t -> t.union() == null ? java.util.stream.Stream.of(t) : t.union().members().stream())
                .anyMatch(t -> t.model() != null && models.contains(t.model()));
    }

    /** The fragments of one model that one statement analyzes, and the model's output when they read it. */
    private record Batch(String model, List<AnalyzedFragment> fragments, List<Column> output) {}

    /**
     * Analyzes the fragments of a wave of models: first what reads the sources, then (the output types complete)
     * what reads each model's output. Each step is one statement for the whole wave while GoogleSQL accepts it; when it
     * rejects it, each model's batches are analyzed on their own to locate the errors.
     */
    private void wave(Map<String, List<AnalyzedFragment>> models) throws EngineUnavailableException {
        if (models.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> analyzedTypes = new HashMap<>();
        List<Batch> onSources = new ArrayList<>();
        Map<String, List<AnalyzedFragment>> onOutput = new LinkedHashMap<>();
        for (Map.Entry<String, List<AnalyzedFragment>> e : models.entrySet()) {
            analyzedTypes.put(e.getKey(), new HashMap<>());
            Map<String, List<AnalyzedFragment>> batches = new LinkedHashMap<>();
            for (AnalyzedFragment f : e.getValue()) {
                if (reported.contains(f.pointer())) {
                    continue;
                }
                if (f.onOutput()) {
                    onOutput.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(f);
                } else if (scopeKnown(f.scope())) {
                    batches.computeIfAbsent(batchKey(f), k -> new ArrayList<>()).add(f);
                }
            }
            batches.values().forEach(b -> onSources.add(new Batch(e.getKey(), b, null)));
        }
        analyzeAll(onSources, analyzedTypes);
        List<Batch> onOutputs = new ArrayList<>();
        for (String model : models.keySet()) {
            List<Column> output = completed(model, analyzedTypes.get(model));
            if (output != null) {
                typed.put(model, output);
                Map<Boolean, List<AnalyzedFragment>> byPlace = new LinkedHashMap<>();
                for (AnalyzedFragment f : onOutput.getOrDefault(model, List.of())) {
                    byPlace.computeIfAbsent(f.place() == FragmentPlace.SELECT_ITEM, k -> new ArrayList<>())
                            .add(f);
                }
                byPlace.values().forEach(b -> onOutputs.add(new Batch(model, b, output)));
            }
        }
        analyzeAll(onOutputs, analyzedTypes);
    }

    /** The batches in one statement, each a subquery; one by one when GoogleSQL rejects that statement. */
    private void analyzeAll(List<Batch> batches, Map<String, Map<String, String>> analyzedTypes)
            throws EngineUnavailableException {
        if (batches.size() > 1) {
            Map<String, String> ctes = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            for (Batch b : batches) {
                parts.add(subquery(b, ctes) + " AS `p" + parts.size() + "`");
            }
            String sql = (ctes.isEmpty() ? "" : "WITH " + String.join(",\n", ctes.values()) + "\n") + "SELECT\n"
                    + String.join(",\n", parts);
            if (analyzer.analyze(sql) instanceof Analysis.Ok ok && ok.columns().size() == batches.size()) {
                for (int i = 0; i < batches.size(); i++) {
                    Batch b = batches.get(i);
                    if (ok.columns().get(i).type() instanceof BigQueryType.StructOf struct) {
                        List<TableColumn> items = struct.fields().stream()
                                .map(f -> new TableColumn(f.name(), f.type()))
                                .toList();
                        checkTypes(b.fragments(), new Analysis.Ok(items), analyzedTypes.get(b.model()));
                    }
                }
                return;
            }
        }
        for (Batch b : batches) {
            analyze(b.fragments(), b.output(), analyzedTypes.get(b.model()));
        }
    }

    /**
     * A batch as a subquery of the wave's statement: SELECT items as a STRUCT, conditions in an EXISTS; the CTEs it
     * needs are added to {@code ctes} (a model's CTE is the same wherever it is read).
     */
    private String subquery(Batch b, Map<String, String> ctes) {
        AnalyzedFragment first = b.fragments().get(0);
        List<String> from = from(first, b.output(), ctes);
        StringBuilder sql = new StringBuilder();
        if (first.place() == FragmentPlace.SELECT_ITEM) {
            sql.append("(SELECT AS STRUCT\n");
            for (int i = 0; i < b.fragments().size(); i++) {
                sql.append(i == 0 ? "(\n" : ",\n(\n")
                        .append(analyzedText(b.fragments().get(i)))
                        .append("\n) AS `c")
                        .append(i)
                        .append('`');
            }
            sql.append("\nFROM ").append(String.join(" CROSS JOIN ", from)).append(')');
        } else {
            sql.append("EXISTS(SELECT " + selectList(first.place()) + "\nFROM ")
                    .append(String.join(" CROSS JOIN ", from))
                    .append('\n')
                    .append(clause(first.place()))
                    .append('\n');
            for (int i = 0; i < b.fragments().size(); i++) {
                sql.append(i == 0 ? "(\n" : "\nAND\n(\n")
                        .append(analyzedText(b.fragments().get(i)))
                        .append("\n)");
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** The fragment's text as GoogleSQL reads it: each {@code {from}} replaced. */
    private static String analyzedText(AnalyzedFragment f) {
        return new FragmentStatement().fragment(0, f).sql().strip();
    }

    /** The FROM items of a fragment's statement; the CTEs they read go into {@code ctes}. */
    private List<String> from(AnalyzedFragment first, List<Column> output, Map<String, String> ctes) {
        List<String> from = new ArrayList<>();
        if (output != null) {
            ctes.putIfAbsent(first.model(), cte(first.model(), output));
            from.add(quote(first.model()));
        } else {
            for (ScopeTable t : first.scope()) {
                if (t.union() != null) {
                    from.add(union(t.union(), ctes) + " AS " + quote(t.alias()));
                } else {
                    from.add(relation(t, ctes) + " AS " + quote(t.alias()));
                }
            }
        }
        return from;
    }

    /** A raw table or an upstream model (its CTE added to {@code ctes}) as a FROM item, without its alias. */
    private String relation(ScopeTable t, Map<String, String> ctes) {
        if (t.model() != null) {
            ctes.putIfAbsent(t.model(), cte(t.model(), typed.get(t.model())));
            return quote(t.model());
        }
        return quote(ddl.table(t.rawTable()).orElseThrow().qualifiedName());
    }

    /**
     * A union as the generated SQL writes it: a subquery of one SELECT per member, its columns by name in the union's
     * order (cast where the member's type differs) and the source column, joined by UNION ALL; GoogleSQL analyzes the
     * union itself too (its coercions, a type it cannot combine).
     */
    private String union(AnalyzedFragment.UnionScope u, Map<String, String> ctes) {
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < u.members().size(); i++) {
            List<String> items = new ArrayList<>();
            for (int c = 0; c < u.columns().size(); c++) {
                String name = quote(u.columns().get(c).name());
                String cast = u.casts().get(i).get(c);
                items.add(
                        cast == null || castType(cast).isEmpty()
                                ? name
                                : "CAST(" + name + " AS " + castType(cast).get() + ") AS " + name);
            }
            if (u.sourceColumn() != null) {
                items.add("'" + u.texts().get(i).replace("\\", "\\\\").replace("'", "\\'") + "' AS "
                        + quote(u.sourceColumn()));
            }
            selects.add("SELECT " + String.join(", ", items) + " FROM "
                    + relation(u.members().get(i), ctes));
        }
        return "(" + String.join(" UNION ALL ", selects) + ")";
    }

    /** Fragments analyzed in one statement: the same place (an aggregate apart) and the same tables. */
    private static String batchKey(AnalyzedFragment f) {
        FragmentPlace place = f.place() == FragmentPlace.JOIN_CONDITION ? FragmentPlace.FILTER : f.place();
        return place + "/" + f.aggregate() + "/" + f.scope();
    }

    /** The model's output columns, each with its type; null when a type is still unknown. */
    private List<Column> completed(String model, Map<String, String> analyzedTypes) {
        List<Column> declared = outputs.get(model);
        if (declared == null || declared.isEmpty()) {
            return null;
        }
        List<Column> out = new ArrayList<>();
        for (Column c : declared) {
            String type =
                    c.type() != null ? c.type() : analyzedTypes.get(c.name().toLowerCase(Locale.ROOT));
            if (type == null || castType(type).isEmpty()) {
                return null;
            }
            out.add(new Column(c.name(), type));
        }
        return out;
    }

    private boolean scopeKnown(List<ScopeTable> scope) {
        if (scope.isEmpty()) {
            return false;
        }
        for (ScopeTable t : scope) {
            if (!t.known()) {
                return false;
            }
            if (t.union() != null) {
                if (!scopeKnown(t.union().members())) {
                    return false;
                }
                continue;
            }
            if (t.model() != null && !typed.containsKey(t.model())) {
                return false;
            }
            if (t.rawTable() != null && !wholeTable(t.rawTable())) {
                return false;
            }
        }
        return true;
    }

    /** Whether GoogleSQL holds every column of the raw table (a type it cannot represent leaves one out). */
    private boolean wholeTable(String name) {
        return wholeTables.computeIfAbsent(name, n -> {
            Optional<SourceTable> t = ddl.table(n);
            return t.isPresent() && t.get().columns().stream().allMatch(c -> CachedAnalyzer.isTableType(c.type()));
        });
    }

    private Optional<String> castType(String type) {
        return castTypes.computeIfAbsent(type, CachedAnalyzer::castType);
    }

    /**
     * Analyzes {@code batch} in one statement; when GoogleSQL rejects it, each fragment alone, and reports.
     *
     * @param output the model's output columns when the fragments read them, else null
     */
    private void analyze(List<AnalyzedFragment> batch, List<Column> output, Map<String, String> analyzedTypes)
            throws EngineUnavailableException {
        if (batch.size() > 1) {
            FragmentStatement together = statement(batch, output);
            Analysis result = analyzer.analyze(together.sql());
            if (result instanceof Analysis.Ok ok) {
                checkTypes(batch, ok, analyzedTypes);
                return;
            }
        }
        for (AnalyzedFragment f : batch) {
            FragmentStatement alone = statement(List.of(f), output);
            Analysis result = analyzer.analyze(alone.sql());
            if (result instanceof Analysis.Ok ok) {
                checkTypes(List.of(f), ok, analyzedTypes);
            } else if (result instanceof Analysis.Failed failed) {
                reportError(f, alone, failed.error(), output);
            }
        }
    }

    /**
     * The statement the fragments (all of one place and scope) are analyzed in, shaped as the generated SQL: SELECT
     * items in a SELECT list, filters in WHERE, a join condition in the ON of the last join, tests in WHERE over the
     * model's output. Upstream models and the output are CTEs of NULLs with the columns' types.
     */
    private FragmentStatement statement(List<AnalyzedFragment> fragments, List<Column> output) {
        AnalyzedFragment first = fragments.get(0);
        FragmentStatement s = new FragmentStatement();
        Map<String, String> ctes = new LinkedHashMap<>();
        List<String> from = from(first, output, ctes);
        if (!ctes.isEmpty()) {
            s.text("WITH " + String.join(",\n", ctes.values()) + "\n");
        }
        boolean join = fragments.size() == 1 && first.place() == FragmentPlace.JOIN_CONDITION && from.size() > 1;
        switch (first.place()) {
            case SELECT_ITEM -> {
                s.text("SELECT\n");
                for (int i = 0; i < fragments.size(); i++) {
                    s.text(i == 0 ? "(\n" : ",\n(\n")
                            .fragment(i, fragments.get(i))
                            .text(") AS `c" + i + "`");
                }
                s.text("\nFROM " + String.join(" CROSS JOIN ", from) + "\n");
            }
            case JOIN_CONDITION, FILTER, HAVING, QUALIFY, ROW_TEST -> {
                if (join) {
                    s.text("SELECT 1\nFROM " + String.join(" CROSS JOIN ", from.subList(0, from.size() - 1))
                            + " INNER JOIN " + from.get(from.size() - 1) + " ON\n");
                    s.fragment(0, first);
                } else {
                    s.text("SELECT " + selectList(first.place()) + "\nFROM " + String.join(" CROSS JOIN ", from) + "\n"
                            + clause(first.place()) + "\n");
                    for (int i = 0; i < fragments.size(); i++) {
                        s.text(i == 0 ? "(\n" : "AND\n(\n")
                                .fragment(i, fragments.get(i))
                                .text(")\n");
                    }
                }
            }
        }
        return s;
    }

    /**
     * The clause a condition is analyzed in, as the generated SQL puts it: an aggregate filter in HAVING (GoogleSQL's
     * complaints about grouping without the GROUP BY are SP403's and dropped), a window filter in QUALIFY.
     */
    private static String clause(FragmentPlace place) {
        return switch (place) {
            case HAVING -> "HAVING";
            // GoogleSQL (as BigQuery) takes QUALIFY only beside WHERE, GROUP BY or HAVING; the generated SQL does too
            case QUALIFY -> "WHERE TRUE\nQUALIFY";
            default -> "WHERE";
        };
    }

    /** The select list of a condition's statement: HAVING needs an aggregating query (no GROUP BY here). */
    private static String selectList(FragmentPlace place) {
        return place == FragmentPlace.HAVING ? "COUNT(*)" : "1";
    }

    /** A model's output as a CTE of one row of NULLs of its columns' types (the same text wherever it is read). */
    private String cte(String name, List<Column> columns) {
        return ctes.computeIfAbsent(name, n -> {
            List<String> items = new ArrayList<>();
            for (Column c : columns) {
                items.add("CAST(NULL AS " + castType(c.type()).orElseThrow() + ") AS " + quote(c.name()));
            }
            return quote(n) + " AS (SELECT " + String.join(", ", items) + ")";
        });
    }

    /** A backticked name; names reaching here are validated identifiers, escaping keeps any other text inert. */
    private static String quote(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** SP234/SP235: each SELECT item's result type against its column's declared type; records analyzed types. */
    private void checkTypes(List<AnalyzedFragment> fragments, Analysis.Ok ok, Map<String, String> analyzedTypes)
            throws EngineUnavailableException {
        if (fragments.get(0).place() != FragmentPlace.SELECT_ITEM) {
            return;
        }
        for (int i = 0; i < fragments.size() && i < ok.columns().size(); i++) {
            AnalyzedFragment f = fragments.get(i);
            if (f.column() == null) {
                continue;
            }
            String result = ok.columns().get(i).type().sql();
            analyzedTypes.putIfAbsent(f.column().toLowerCase(Locale.ROOT), result);
            if (f.declaredType() != null && SqlTypes.isValid(f.declaredType())) {
                checkType(f, result);
            }
        }
    }

    private void checkType(AnalyzedFragment f, String result) throws EngineUnavailableException {
        Optional<TypeConversion> conversion = TypeConversion.of(result, f.declaredType());
        String declared = SqlTypes.normalise(f.declaredType());
        if (conversion.isEmpty()
                || !conversion.get().lossy()
                || SqlTypes.baseType(declared).equals(SqlTypes.baseType(result))) {
            return; // the same type with parameters limits what is stored, not what the expression means
        }
        String typePointer = f.pointer().substring(0, f.pointer().lastIndexOf('/')) + "/type";
        Optional<String> castTo = castType(declared);
        if (castTo.isEmpty()) {
            return;
        }
        Analysis cast = analyzer.analyze("SELECT CAST(CAST(NULL AS " + result + ") AS " + castTo.get() + ")");
        if (cast instanceof Analysis.Failed) {
            r.error(
                    DiagnosticCode.SP235,
                    typePointer,
                    f.what() + " returns " + result + ", which BigQuery cannot convert to the declared type "
                            + declared,
                    "declare " + result + ", or convert in the expression where it is meant");
        } else {
            r.warning(
                    DiagnosticCode.SP234,
                    typePointer,
                    f.what() + " returns " + result + " but the column is declared " + declared
                            + ", so the generated SQL casts it: "
                            + conversion.get().effect(),
                    "declare " + result + ", or write the conversion in the expression, e.g. SAFE_CAST(... AS "
                            + declared + ")");
        }
    }

    private void reportError(AnalyzedFragment f, FragmentStatement s, SqlError error, List<Column> output) {
        // GoogleSQL explains a signature mismatch over several indented lines; a finding is one line
        String message = error.message().strip().replaceAll("\\s*\n\\s*", "; ");
        if (message.contains("neither grouped nor aggregated") || message.contains("is ambiguous")) {
            return; // grouping is SP403's, ambiguity SP216's
        }
        int offset = error.isLocated()
                ? s.locate(error.line(), error.column())
                        .map(FragmentStatement.At::offset)
                        .orElse(0)
                : 0;
        DiagnosticCode code;
        String text;
        String hint;
        Matcher didYouMean = DID_YOU_MEAN.matcher(message);
        String own = didYouMean.find() ? "did you mean " + didYouMean.group(1).strip() + "?" : null;
        String stripped = didYouMean.replaceAll("").strip();
        if (message.startsWith("Analytic function") || message.contains("nalytic functions cannot")) {
            code = DiagnosticCode.SP233;
            text = f.what() + " uses a window function where BigQuery does not allow one: " + stripped;
            hint = f.place() == FragmentPlace.SELECT_ITEM
                    ? "aggregate the window function's result in a model downstream of one that computes it"
                    : "compute the window function as a column of an upstream model and test that column here";
        } else if (message.startsWith("Unrecognized name")
                || message.startsWith("Function not found")
                || message.startsWith("Table not found")
                || NOT_INSIDE.matcher(message).find()) {
            code = DiagnosticCode.SP232;
            text = f.what() + ": " + stripped;
            hint = suggestion(message, f, output)
                    .or(() -> Optional.ofNullable(own))
                    .orElse(code.fix());
        } else {
            code = DiagnosticCode.SP231;
            text = f.what() + " is not valid BigQuery: " + stripped;
            hint = own != null ? own : code.fix();
        }
        if (f.pointer().endsWith("/tests")) {
            r.error(code, f.pointer(), text, hint); // a shifted test list: the string itself is not known
            return;
        }
        r.inString(Severity.ERROR, code, f.pointer(), 1, FragmentLocation.jsonColumn(f.text(), offset), text, hint);
    }

    /** "did you mean" for an unknown column, from the columns in the fragment's scope. */
    private Optional<String> suggestion(String message, AnalyzedFragment f, List<Column> output) {
        Matcher unknown = UNRECOGNIZED.matcher(message);
        Matcher inside = NOT_INSIDE.matcher(message);
        String name;
        List<String> candidates = new ArrayList<>();
        if (unknown.find()) {
            name = unknown.group(1);
            if (output != null) {
                output.forEach(c -> candidates.add(c.name()));
            } else {
                f.scope().forEach(t -> candidates.addAll(columnNames(t)));
            }
        } else if (inside.find()) {
            name = inside.group(1);
            String table = inside.group(2);
            if (f.scope() != null) {
                f.scope().stream()
                        .filter(t -> t.alias().equalsIgnoreCase(table))
                        .forEach(t -> candidates.addAll(columnNames(t)));
            }
        } else {
            return Optional.empty();
        }
        return Names.closest(name, candidates).map(c -> "did you mean '" + c + "'?");
    }

    private List<String> columnNames(ScopeTable t) {
        if (t.union() != null) {
            List<String> names = new ArrayList<>(
                    t.union().columns().stream().map(Column::name).toList());
            if (t.union().sourceColumn() != null) {
                names.add(t.union().sourceColumn());
            }
            return names;
        }
        if (t.model() != null) {
            return typed.getOrDefault(t.model(), List.of()).stream()
                    .map(Column::name)
                    .toList();
        }
        return ddl.table(t.rawTable())
                .map(x -> x.columns().stream().map(SourceColumn::name).toList())
                .orElse(List.of());
    }
}
