package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.ParsedFragment;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.SqlLexer;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TrimFunction;

/**
 * Deterministic rows for raw tables that have no seed, derived from the DDL types and from the data tests of
 * the models that read them: a model column's tests are traced back through pass-through mappings to the raw
 * column it comes from. Then
 * <ul>
 * <li>columns that must not be null (DDL {@code NOT NULL}, {@code not_null}, {@code nullable: false}, keys, and
 * every column the transform or formula of such a column reads) are always filled; other columns are NULL in
 * every {@code nullEvery}-th row;</li>
 * <li>a join {@code left.a = right.b} makes {@code right.b} distinct (a lookup does not multiply rows) and
 * {@code left.a} take its values, so rows match;</li>
 * <li>columns whose model column must be unique (a {@code unique} test, a one-column primary key, the last
 * column of a composite one that comes unchanged from a raw column) get distinct values;</li>
 * <li>{@code accepted_values} lists are used round-robin (also through transforms that only clean values:
 * LOWER, UPPER, TRIM, COALESCE, NULLIF, IFNULL, CAST);</li>
 * <li>a {@code relationships} test makes the column take values of the referenced column (generated first, or
 * read from its seed);</li>
 * <li>whole numbers without a rule are drawn from 1..rows, so id columns of different tables overlap and joins
 * match; strings are {@code <column>_<n>}, an e-mail address for columns named like one, or digits only for
 * key columns (so UPPER, LOWER and TRIM in a join condition keep them equal);</li>
 * <li>dates and timestamps of one row increase with the column's position, so {@code created_at <= updated_at}
 * style checks hold;</li>
 * <li>a union's column stands for the column of every member: each member's column gets its hints, and a unique
 * one takes values after the previous members' ones (numbers, text, dates, and its slice of a referenced column's
 * values), so the appended rows stay distinct; a {@code relationships} test into a union model's column takes
 * the values of every member.</li>
 * </ul>
 * Tests whose condition cannot be derived (expressions, transforms that change values) may still fail on
 * synthetic rows: seeds are the way to test those. The same spec gives the same rows on every run.
 */
public final class SyntheticData {
    /** The fixed seed of every random choice. */
    public static final long SEED = 20260101L;

    private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final java.time.format.DateTimeFormatter DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ValidatedSpec spec;
    private final Map<String, RawTable> tables;
    private final int rows;
    private final int nullEvery;
    private final Map<String, Hint> hints = new LinkedHashMap<>();

    /** What the tests say about one raw column. */
    static final class Hint {
        boolean notNull;
        boolean unique;
        final List<String> accepted = new ArrayList<>();
        /**
         * The raw columns a {@code relationships} test (or a join) takes values from: one, or every member's column
         * when the referenced column is a union's, since the union model holds the rows of all of them. Empty for none.
         */
        List<Origin> references = List.of();
        /** Compared with another table's column (a join key or a relationships target): no NULLs, case-proof text. */
        boolean key;
        /**
         * Where a unique column's values start: a union appends its members' rows, so the i-th member's column of a
         * unique union column starts at {@code i * rows} and the members' values stay distinct together.
         */
        int uniqueOffset;
    }

    /** A raw column: table name and column name. */
    record Origin(String table, String column) {
        String key() {
            return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
        }
    }

    private record Traced(Origin origin, boolean identity) {}

    /** Reads the values of a column of a table that was seeded (for relationships into it). */
    @FunctionalInterface
    public interface SeededValues {
        List<String> values(RawTable table, String column) throws java.sql.SQLException;
    }

    /**
     * @param rows      rows per table
     * @param nullEvery every n-th row of an unconstrained nullable column is NULL; 0 for never
     */
    public SyntheticData(ValidatedSpec spec, Map<String, RawTable> tables, int rows, int nullEvery) {
        this.spec = spec;
        this.tables = tables;
        this.rows = rows;
        this.nullEvery = nullEvery;
        collectHints();
    }

    /**
     * Rows for each of {@code names}, values in the table's column order (null = NULL), ready for
     * {@link DuckDbSession#insert}.
     */
    public Map<String, List<String[]>> generate(Set<String> names, SeededValues seeded) throws java.sql.SQLException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        for (String name : order(names)) {
            out.put(name, table(tables.get(name), out, seeded));
        }
        return out;
    }

    /** Tables referenced by relationships first; the rest by name. */
    private List<String> order(Set<String> names) {
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(names));
        Set<String> done = new LinkedHashSet<>();
        for (String n : sorted) {
            visit(n, names, done, new HashSet<>());
        }
        return new ArrayList<>(done);
    }

    private void visit(String name, Set<String> names, Set<String> done, Set<String> path) {
        if (done.contains(name) || !path.add(name)) {
            return;
        }
        RawTable t = tables.get(name);
        for (RawTable.Column c : t.columns()) {
            Hint h = hints.get(new Origin(name, c.name()).key());
            if (h != null) {
                for (Origin o : h.references) {
                    String target = canonicalTable(o.table());
                    if (target != null && names.contains(target) && !target.equals(name)) {
                        visit(target, names, done, path);
                    }
                }
            }
        }
        done.add(name);
    }

    private List<String[]> table(RawTable t, Map<String, List<String[]>> generated, SeededValues seeded)
            throws java.sql.SQLException {
        List<String[]> out = new ArrayList<>(rows);
        Random rowRandom = new Random(SEED ^ t.name().hashCode());
        int[] day = new int[rows];
        int[] hour = new int[rows];
        for (int i = 0; i < rows; i++) {
            day[i] = rowRandom.nextInt(300);
            hour[i] = rowRandom.nextInt(12);
        }
        List<List<String>> columns = new ArrayList<>();
        int temporal = 0;
        for (RawTable.Column c : t.columns()) {
            Hint h = hints.getOrDefault(new Origin(t.name(), c.name()).key(), new Hint());
            List<String> target = targetValues(h, generated, seeded);
            boolean isTemporal = switch (c.type().kind()) {
                case DATE, DATETIME, TIMESTAMP, TIME -> true;
                default -> false;
            };
            columns.add(column(t, c, h, target, day, hour, isTemporal ? temporal++ : 0));
        }
        for (int i = 0; i < rows; i++) {
            String[] row = new String[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = columns.get(c).get(i);
            }
            out.add(row);
        }
        return out;
    }

    private List<String> column(
            RawTable t, RawTable.Column c, Hint h, List<String> target, int[] day, int[] hour, int position) {
        Random random = new Random(
                SEED ^ (t.name() + "." + c.name()).toLowerCase(Locale.ROOT).hashCode());
        boolean notNull =
                c.notNull() || h.notNull || h.unique || !h.accepted.isEmpty() || !h.references.isEmpty() || h.key;
        List<String> accepted = new ArrayList<>();
        for (String a : h.accepted) {
            try {
                accepted.add(Values.canonical(a, c.type()));
            } catch (ValueException e) {
                // not a value of this raw type (the model column transforms it): ignore the hint
            }
        }
        List<String> values = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            String v;
            if (!notNull && nullEvery > 0 && i % nullEvery == nullEvery - 1) {
                v = null;
            } else if (!accepted.isEmpty()) {
                v = accepted.get(i % accepted.size());
            } else if (target != null && !target.isEmpty()) {
                // a union member's unique column takes the slice after the previous members' ones
                v = h.unique
                        ? target.get((h.uniqueOffset + i) % target.size())
                        : target.get(random.nextInt(target.size()));
            } else {
                int k = h.unique ? h.uniqueOffset + i + 1 : random.nextInt(rows) + 1;
                v = h.key && c.type().kind() == ColumnType.Kind.STRING
                        ? String.format(Locale.ROOT, "%04d", k)
                        // a unique date is the offset's day: the column's position would shift one member's
                        // days into the next member's
                        : h.unique
                                ? value(c, k, h.uniqueOffset + i, hour[i], 0, i)
                                : value(c, k, day[i], hour[i], position, i);
            }
            values.add(v);
        }
        return values;
    }

    private String value(RawTable.Column c, int k, int day, int hour, int position, int i) {
        ColumnType type = c.type();
        String lower = c.name().toLowerCase(Locale.ROOT);
        return switch (type.kind()) {
            case INTEGER -> Integer.toString(k);
            case DECIMAL -> {
                BigDecimal v = BigDecimal.valueOf(k).multiply(new BigDecimal("1.25"));
                int integerDigits = type.precision() - type.scale();
                if (integerDigits <= 0) {
                    v = BigDecimal.ZERO;
                } else if (integerDigits < 18) {
                    v = v.remainder(BigDecimal.TEN.pow(integerDigits));
                }
                yield v.setScale(Math.min(type.scale(), 2), RoundingMode.HALF_UP)
                        .toPlainString();
            }
            case DOUBLE ->
                BigDecimal.valueOf(k).multiply(new BigDecimal("1.25")).toPlainString();
            case BOOLEAN -> k % 2 == 0 ? "true" : "false";
            case DATE -> LocalDate.from(BASE.plusDays(day + position)).toString();
            case DATETIME -> DATE_TIME.format(BASE.plusDays(day + position).plusHours(hour));
            case TIMESTAMP -> DATE_TIME.format(BASE.plusDays(day + position).plusHours(hour)) + "+00";
            case TIME -> LocalTime.of((hour + position) % 24, i % 60).toString() + ":00";
            case STRING ->
                lower.contains("email") || lower.endsWith("mail") ? "user" + k + "@example.com" : lower + "_" + k;
            case OTHER -> {
                String d = type.duckDbType().toUpperCase(Locale.ROOT);
                if (d.endsWith("[]")) {
                    yield "[]";
                } else if (d.equals("JSON")) {
                    yield "{}";
                } else if (d.equals("INTERVAL")) {
                    yield k + " days";
                } else if (d.equals("BLOB")) {
                    yield "b" + k;
                }
                yield null;
            }
        };
    }

    /**
     * The values a referencing column may take: the distinct values of every referenced column, in member order, from
     * the rows generated so far or from the seed; null when none of them can be read.
     */
    private List<String> targetValues(Hint h, Map<String, List<String[]>> generated, SeededValues seeded)
            throws java.sql.SQLException {
        Set<String> distinct = new LinkedHashSet<>();
        boolean read = false;
        for (Origin o : h.references) {
            String name = canonicalTable(o.table());
            if (name == null) {
                continue;
            }
            RawTable target = tables.get(name);
            Optional<RawTable.Column> col = target.column(o.column());
            if (col.isEmpty()) {
                continue;
            }
            List<String[]> rowsOfTarget = generated.get(name);
            if (rowsOfTarget == null) {
                if (seeded != null) {
                    seeded.values(target, col.get().name()).stream()
                            .filter(v -> v != null)
                            .forEach(distinct::add);
                    read = true;
                }
                continue;
            }
            int index = target.columns().indexOf(col.get());
            for (String[] r : rowsOfTarget) {
                if (r[index] != null) {
                    distinct.add(r[index]);
                }
            }
            read = true;
        }
        return read ? new ArrayList<>(distinct) : null;
    }

    private String canonicalTable(String name) {
        if (tables.containsKey(name)) {
            return name;
        }
        return tables.keySet().stream()
                .filter(n -> n.equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
    }

    // ---- hints: model tests traced back to raw columns

    private void collectHints() {
        for (Model m : spec.spec().models()) {
            for (ColumnMapping c : m.columns()) {
                if (!c.nullable() || c.tests().stream().anyMatch(t -> t instanceof DataTest.NotNull)) {
                    filledFrom(m, c.transform());
                }
            }
            for (Aggregation a : m.aggregations()) {
                if (a.tests().stream().anyMatch(t -> t instanceof DataTest.NotNull)) {
                    filledFrom(m, a.formula());
                }
            }
            for (ColumnMapping c : m.columns()) {
                List<Traced> traced = trace(m, c.targetColumn(), 0);
                spread(traced);
                for (Traced one : traced) {
                    columnHints(c, hint(one.origin()), one.identity());
                }
            }
            List<String> pk = m.constraints().primaryKey();
            int distinct = distinctKeyColumn(m, pk);
            for (int i = 0; i < pk.size(); i++) {
                List<Traced> traced = trace(m, pk.get(i), 0);
                spread(traced);
                for (Traced one : traced) {
                    Hint h = hint(one.origin());
                    h.notNull = true;
                    if (i == distinct) {
                        h.unique = true;
                    }
                }
            }
            for (String key : m.constraints().naturalKey()) {
                trace(m, key, 0).forEach(t -> hint(t.origin()).notNull = true);
            }
            for (Join j : m.joins()) {
                joinHints(m, j);
            }
        }
    }

    /**
     * The primary key column whose raw columns get distinct values, which makes the key unique whatever the other
     * columns hold: the last one copied unchanged from raw columns. Not always the last column: a union's key is often
     * a member's id and the union's source column, which no raw column holds. -1 for none (an aggregate model's keys
     * are its groups, unique by construction).
     */
    private int distinctKeyColumn(Model m, List<String> pk) {
        if (!m.aggregations().isEmpty()) {
            return -1;
        }
        for (int i = pk.size() - 1; i >= 0; i--) {
            List<Traced> traced = trace(m, pk.get(i), 0);
            if (!traced.isEmpty() && traced.stream().allMatch(Traced::identity)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A column traced to several raw columns (a union's members, in member order): each member's unique values
     * start after the previous members' ones.
     */
    private void spread(List<Traced> traced) {
        if (traced.size() < 2) {
            return;
        }
        for (int k = 0; k < traced.size(); k++) {
            Hint h = hint(traced.get(k).origin());
            h.uniqueOffset = Math.max(h.uniqueOffset, k * rows);
        }
    }

    /** What a mapped column's nullability and tests say about one raw column it comes from. */
    private void columnHints(ColumnMapping c, Hint h, boolean identity) {
        if (!c.nullable()) {
            h.notNull = true;
        }
        for (DataTest t : c.tests()) {
            apply(h, t, identity);
            if (!identity
                    && c.transform() != null
                    && t instanceof DataTest.AcceptedValues a
                    && !a.fromTransform()
                    && h.accepted.isEmpty()
                    && keepsValues(c.transform())) {
                a.values().stream()
                        .filter(l -> !l.isNull())
                        .map(Literal::text)
                        .filter(v -> survives(v, c.transform()))
                        .forEach(h.accepted::add);
            }
        }
    }

    /** Every source column an expression reads is filled, so a column that must not be NULL is not NULL by accident. */
    private void filledFrom(Model m, String sql) {
        if (sql == null) {
            return;
        }
        for (ColumnRef ref : columnsRead(sql)) {
            List<Traced> t;
            if (ref.qualifier() != null) {
                t = fromRelation(m, ref.qualifier(), ref.column(), true, 0);
            } else {
                t = List.of();
                for (SourceRef s : m.relations()) {
                    t = fromRelation(m, s.table(), ref.column(), true, 0);
                    if (!t.isEmpty()) {
                        break;
                    }
                }
            }
            t.forEach(x -> hint(x.origin()).notNull = true);
        }
    }

    /**
     * The fragment as the sql package parses it, every {@code {from}} read as {@link SqlFragments#FROM_COLUMN}; empty
     * when it does not parse (validation has reported that, and no hint is taken from it).
     */
    private static Optional<ParsedFragment> parsed(String sql) {
        try {
            return Optional.of(SqlFragments.parse(sql, SqlFragments.FROM_COLUMN.qualifiedName()));
        } catch (SqlFragmentException e) {
            return Optional.empty();
        }
    }

    /** The columns a fragment reads, its {@code {from}} left out. */
    private static List<ColumnRef> columnsRead(String sql) {
        return parsed(sql).map(ParsedFragment::columns).orElse(List.of()).stream()
                .filter(c -> !c.equals(SqlFragments.FROM_COLUMN))
                .toList();
    }

    /**
     * A join {@code left.a = right.b}: rows should match, and the right side (usually a lookup) should not
     * multiply the left rows. So the right column gets distinct values and the left column takes its values
     * from them; both are keys (no NULLs; text made of digits only, which survives UPPER, LOWER and TRIM).
     */
    private void joinHints(Model m, Join j) {
        if (j.condition() == null || j.type() == JoinType.CROSS) {
            return;
        }
        // one column on each side; the left one may be a union's, which stands for a column of every member
        List<Origin> left = new ArrayList<>();
        List<Origin> right = new ArrayList<>();
        int leftColumns = 0;
        int rightColumns = 0;
        for (ColumnRef ref : columnsRead(j.condition())) {
            String table = ref.qualifier();
            String column = ref.column();
            if (table == null) {
                continue;
            }
            List<Traced> t = fromRelation(m, table, column, true, 0);
            if (t.isEmpty()) {
                continue;
            }
            if (table.equals(j.rightTable())) {
                rightColumns++;
                t.forEach(x -> right.add(x.origin()));
            } else if (table.equals(j.leftTable())) {
                leftColumns++;
                t.forEach(x -> left.add(x.origin()));
            }
        }
        if (leftColumns != 1
                || rightColumns != 1
                || right.size() != 1
                || left.stream()
                        .anyMatch(o -> o.table().equalsIgnoreCase(right.get(0).table()))) {
            return;
        }
        Hint r = hint(right.get(0));
        r.key = true;
        if (j.type() == JoinType.LEFT || j.type() == JoinType.INNER) {
            r.unique = true;
        }
        for (Origin o : left) {
            Hint l = hint(o);
            l.key = true;
            if (l.references.isEmpty() && !l.unique) {
                l.references = List.of(right.get(0));
            }
        }
    }

    private void apply(Hint h, DataTest t, boolean identity) {
        if (t instanceof DataTest.NotNull) {
            h.notNull = true;
        } else if (t instanceof DataTest.Unique) {
            if (identity) {
                h.unique = true;
            }
        } else if (t instanceof DataTest.AcceptedValues a) {
            if (identity && !a.fromTransform() && h.accepted.isEmpty()) {
                for (Literal l : a.values()) {
                    if (!l.isNull()) {
                        h.accepted.add(l.text());
                    }
                }
            }
        } else if (t instanceof DataTest.Relationships r && h.references.isEmpty()) {
            if (r.to().contains(".")) {
                h.references = List.of(new Origin(r.to().substring(r.to().lastIndexOf('.') + 1), r.field()));
            } else {
                // a union model's column is every member's: its values are any member's values
                h.references = spec.spec()
                        .model(r.to())
                        .map(tm -> trace(tm, r.field(), 0).stream()
                                .map(Traced::origin)
                                .toList())
                        .orElse(List.of());
            }
            if (!h.references.isEmpty()) {
                h.key = true;
                h.references.forEach(o -> hint(o).key = true);
            }
        }
    }

    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "|", "=", "<", ">", "!");
    private static final Set<String> CLEANING =
            Set.of("LOWER", "UPPER", "TRIM", "LTRIM", "RTRIM", "COALESCE", "NULLIF", "IFNULL", "CAST", "SAFE_CAST");

    /** Whether a transform only cleans values (case, spaces, NULL handling), so accepted values pass through it. */
    static boolean keepsValues(String transform) {
        if (transform == null) {
            return true;
        }
        Optional<ParsedFragment> f = parsed(transform);
        return f.isPresent()
                && isCall(f.get().expression())
                && CLEANING.containsAll(f.get().functions())
                && !computes(transform);
    }

    /** Whether the whole fragment is one function call (a predicate such as {@code LOWER(x) IN (...)} is not). */
    private static boolean isCall(Expression e) {
        return e instanceof Function || e instanceof CastExpression || e instanceof TrimFunction;
    }

    /** Whether the fragment has an arithmetic, concatenation or comparison operator (outside strings and comments). */
    private static boolean computes(String sql) {
        try {
            return SqlLexer.tokenize(sql).stream().anyMatch(t -> OPERATORS.indexOf(t.text()) >= 0);
        } catch (SqlLexer.LexicalError e) {
            return true;
        }
    }

    /** Whether an accepted value comes out of a cleaning transform unchanged. */
    static boolean survives(String value, String transform) {
        if (transform == null) {
            return true;
        }
        Optional<ParsedFragment> f = parsed(transform);
        if (f.isEmpty()) {
            return false;
        }
        if (f.get().calls("LOWER") && !value.equals(value.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (f.get().calls("UPPER") && !value.equals(value.toUpperCase(Locale.ROOT))) {
            return false;
        }
        boolean trims =
                f.get().calls("TRIM") || f.get().calls("LTRIM") || f.get().calls("RTRIM");
        return !trims || value.equals(value.strip());
    }

    private Hint hint(Origin o) {
        return hints.computeIfAbsent(o.key(), k -> new Hint());
    }

    /**
     * The raw columns a model column comes from, and whether each is copied unchanged all the way: one, or one per
     * member when it comes through a union; empty when it cannot be traced.
     */
    private List<Traced> trace(Model m, String column, int depth) {
        if (depth > 64 || column == null) {
            return List.of();
        }
        for (ColumnMapping c : m.columns()) {
            if (c.targetColumn().equalsIgnoreCase(column)) {
                String from = fromTable(m, c);
                if (from == null || c.fromColumn() == null) {
                    return List.of();
                }
                return fromRelation(m, from, c.fromColumn(), c.transform() == null, depth);
            }
        }
        if (!m.columns().isEmpty() && m.aggregations().isEmpty()) {
            return List.of();
        }
        if (m.aggregations().stream().anyMatch(a -> a.metricColumn().equalsIgnoreCase(column))) {
            return List.of();
        }
        // a group key or a pass-through column: the first relation that has it
        for (SourceRef s : m.relations()) {
            List<Traced> t = fromRelation(m, s.table(), column, true, depth);
            if (!t.isEmpty()) {
                return t;
            }
        }
        return List.of();
    }

    /**
     * The relation a column mapping reads: its {@code from_table}, or the model's only relation (its union or its
     * only source) when it leaves {@code from_table} out (as the validator and the generators read it).
     */
    private static String fromTable(Model m, ColumnMapping c) {
        if (c.fromTable() != null) {
            return c.fromTable();
        }
        return c.fromColumn() != null && m.relations().size() == 1
                ? m.relations().get(0).table()
                : null;
    }

    /**
     * A column of the relation the model's fragments call {@code name}: of every member, in order, when it is the
     * model's union; of the source of that name otherwise.
     */
    private List<Traced> fromRelation(Model m, String name, String column, boolean identity, int depth) {
        List<SourceRef> refs = m.union() != null && m.union().name().equals(name)
                ? m.union().sources()
                : m.source(name).map(List::of).orElse(List.of());
        List<Traced> out = new ArrayList<>();
        for (SourceRef s : refs) {
            fromSource(s, column, identity, depth).ifPresent(out::addAll);
        }
        return out;
    }

    private Optional<List<Traced>> fromSource(SourceRef s, String column, boolean identity, int depth) {
        if (s.isQualified()) {
            String table = canonicalTable(s.table());
            if (table == null || tables.get(table).column(column).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(List.of(new Traced(
                    new Origin(table, tables.get(table).column(column).get().name()), identity)));
        }
        Optional<Model> up = spec.spec().model(s.table());
        if (up.isEmpty()) {
            return Optional.empty();
        }
        List<Column> outs = spec.outputColumns(up.get().name());
        if (!outs.isEmpty() && outs.stream().noneMatch(c -> c.name().equalsIgnoreCase(column))) {
            return Optional.empty();
        }
        return Optional.of(trace(up.get(), column, depth + 1).stream()
                .map(t -> new Traced(t.origin(), t.identity() && identity))
                .toList());
    }
}
