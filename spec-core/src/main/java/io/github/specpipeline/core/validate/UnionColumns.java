package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.sql.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of a union ({@code UNION ALL} by name): the first member's columns in its order, each with the type
 * every member's value is converted to. A union by name needs each column in every member; types must agree, apart
 * from the widenings BigQuery's UNION applies without loss of meaning (GoogleSQL's supertypes): INT64 into NUMERIC,
 * BIGNUMERIC or FLOAT64, and NUMERIC into BIGNUMERIC. NUMERIC with FLOAT64 is refused although GoogleSQL takes it:
 * the result would round decimal values, so the spec must say so with a cast upstream.
 */
public final class UnionColumns {

    /** Why the members do not combine. */
    public sealed interface Problem {
        /** The member (its index) that has the problem. */
        int member();
    }

    /** Member {@code member} lacks {@code column}, which member {@code other} has. */
    public record Missing(int member, int other, String column) implements Problem {}

    /** {@code column} is {@code type} in {@code member} and {@code otherType} in member {@code other}. */
    public record TypeClash(int member, int other, String column, String type, String otherType) implements Problem {}

    /** The union's columns (null when some member's columns are unknown) and the problems. */
    public record Result(List<Column> columns, List<Problem> problems) {
        public Result {
            columns = columns == null ? null : List.copyOf(columns);
            problems = List.copyOf(problems);
        }
    }

    private static final Map<String, Set<String>> WIDENS_TO =
            Map.of("INT64", Set.of("NUMERIC", "BIGNUMERIC", "FLOAT64"), "NUMERIC", Set.of("BIGNUMERIC"));

    private UnionColumns() {}

    /** The union of members with known columns (a null list: unknown, no columns and no problems). */
    public static Result of(List<List<Column>> members) {
        if (members.isEmpty() || members.stream().anyMatch(c -> c == null)) {
            return new Result(null, List.of());
        }
        List<Problem> problems = new ArrayList<>();
        List<Column> first = members.get(0);
        List<Column> out = new ArrayList<>();
        for (Column c : first) {
            String type = c.type();
            int typeFrom = 0;
            boolean everywhere = true;
            for (int i = 1; i < members.size(); i++) {
                Optional<Column> other = find(members.get(i), c.name());
                if (other.isEmpty()) {
                    problems.add(new Missing(i, 0, c.name()));
                    everywhere = false;
                    continue;
                }
                String t = other.get().type();
                if (type == null || t == null) {
                    type = null; // an upstream column of unknown type: the engines decide, nothing to check
                    continue;
                }
                Optional<String> common = supertype(type, t);
                if (common.isEmpty()) {
                    problems.add(new TypeClash(i, typeFrom, c.name(), t, type));
                } else {
                    if (!common.get().equals(SqlTypes.normalise(type))) {
                        typeFrom = i;
                    }
                    type = common.get();
                }
            }
            if (everywhere) {
                out.add(new Column(c.name(), type));
            }
        }
        for (int i = 1; i < members.size(); i++) {
            for (Column c : members.get(i)) {
                if (find(first, c.name()).isEmpty()) {
                    problems.add(new Missing(0, i, c.name()));
                }
            }
        }
        return new Result(out, problems);
    }

    /**
     * The type both {@code a} and {@code b} convert to in the union: the type itself when they are the same (the
     * base type when only their parameters differ), a widening above, else empty.
     */
    public static Optional<String> supertype(String a, String b) {
        String na = SqlTypes.normalise(a);
        String nb = SqlTypes.normalise(b);
        if (na.equals(nb)) {
            return Optional.of(na);
        }
        String ba = SqlTypes.baseType(na);
        String bb = SqlTypes.baseType(nb);
        if (ba.equals(bb)) {
            return Optional.of(ba); // STRING(10) with STRING: the parameters limit storage, not the values
        }
        if (WIDENS_TO.getOrDefault(ba, Set.of()).contains(bb)) {
            return Optional.of(bb);
        }
        if (WIDENS_TO.getOrDefault(bb, Set.of()).contains(ba)) {
            return Optional.of(ba);
        }
        return Optional.empty();
    }

    /**
     * Per member, per union column: the type the member's value is cast to (the union's type where the member's base
     * type differs, a widening), or null. The generated SQL writes the casts, so every engine converts alike.
     */
    public static List<List<String>> casts(List<List<Column>> members, List<Column> union) {
        List<List<String>> out = new ArrayList<>();
        for (List<Column> member : members) {
            List<String> casts = new ArrayList<>();
            for (Column c : union) {
                String own = find(member, c.name()).map(Column::type).orElse(null);
                casts.add(
                        c.type() == null
                                        || own == null
                                        || SqlTypes.baseType(own).equals(SqlTypes.baseType(c.type()))
                                ? null
                                : c.type());
            }
            out.add(casts);
        }
        return out;
    }

    private static Optional<Column> find(List<Column> columns, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return columns.stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(key))
                .findFirst();
    }
}
