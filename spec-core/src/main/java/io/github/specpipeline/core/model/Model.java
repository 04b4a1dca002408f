package io.github.specpipeline.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline model: a table built from its sources.
 *
 * @param index           position in the spec's {@code models} array, for locating diagnostics
 * @param materialization as declared, or null for the target's default (a table)
 * @param expressions     named expressions of this model ({@code @name(...)}); over the spec's of the same name
 * @param incremental     the {@code incremental} block (merge key, watermark); {@link Incremental#NONE} without one
 * @param union           the sources it appends ({@code UNION ALL} by name) as its primary source, or null
 */
public record Model(
        int index,
        String name,
        Layer layer,
        String description,
        String owner,
        List<String> tags,
        Materialization materialization,
        List<SourceRef> sources,
        List<ColumnMapping> columns,
        List<Join> joins,
        List<Filter> filters,
        List<Aggregation> aggregations,
        List<String> groupBy,
        Constraints constraints,
        List<UnitTest> unitTests,
        Map<String, String> expressions,
        Incremental incremental,
        Union union) {

    /** A plain model: no named expressions of its own, no {@code incremental} block, no union (tests build these). */
    public Model(
            int index,
            String name,
            Layer layer,
            String description,
            String owner,
            List<String> tags,
            Materialization materialization,
            List<SourceRef> sources,
            List<ColumnMapping> columns,
            List<Join> joins,
            List<Filter> filters,
            List<Aggregation> aggregations,
            List<String> groupBy,
            Constraints constraints,
            List<UnitTest> unitTests) {
        this(
                index,
                name,
                layer,
                description,
                owner,
                tags,
                materialization,
                sources,
                columns,
                joins,
                filters,
                aggregations,
                groupBy,
                constraints,
                unitTests,
                Map.of(),
                Incremental.NONE,
                null);
    }

    public Model {
        incremental = incremental == null ? Incremental.NONE : incremental;
        expressions = Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
        tags = List.copyOf(tags);
        sources = List.copyOf(sources);
        columns = List.copyOf(columns);
        joins = List.copyOf(joins);
        filters = List.copyOf(filters);
        aggregations = List.copyOf(aggregations);
        groupBy = List.copyOf(groupBy);
        unitTests = List.copyOf(unitTests);
    }

    /**
     * Every relation the model reads, in order: the union's members, then {@code sources}. The model graph, the raw
     * tables a run loads and lineage use these; fragments name the union by {@link Union#name()} instead.
     */
    public List<SourceRef> inputs() {
        if (union == null) {
            return sources;
        }
        List<SourceRef> out = new ArrayList<>(union.sources());
        out.addAll(sources);
        return List.copyOf(out);
    }

    /**
     * The relations the model's fragments name, in order: the union (as one source, its name) first, then
     * {@code sources}.
     */
    public List<SourceRef> relations() {
        if (union == null) {
            return sources;
        }
        List<SourceRef> out = new ArrayList<>();
        out.add(union.ref());
        out.addAll(sources);
        return List.copyOf(out);
    }

    /** JSON pointer of this model in the spec. */
    public String pointer() {
        return "/models/" + index;
    }

    /** The source whose table name is {@code table}. */
    public Optional<SourceRef> source(String table) {
        return sources.stream().filter(s -> s.table().equals(table)).findFirst();
    }

    /**
     * The model's declared output column names in output order: the group keys then the metrics for an
     * aggregate model, else the mapped columns then the metrics. An SCD2 pass-through model declares none;
     * its columns come from its source (see the catalog).
     */
    public List<String> declaredOutputColumns() {
        List<String> out = new ArrayList<>();
        if (!aggregations.isEmpty() && !groupBy.isEmpty() && columns.isEmpty()) {
            out.addAll(groupBy);
        }
        columns.forEach(c -> out.add(c.targetColumn()));
        aggregations.forEach(a -> out.add(a.metricColumn()));
        return out;
    }

    public Materialization effectiveMaterialization() {
        if (constraints.isScd2()) {
            return Materialization.INCREMENTAL;
        }
        return materialization == null ? Materialization.TABLE : materialization;
    }
}
