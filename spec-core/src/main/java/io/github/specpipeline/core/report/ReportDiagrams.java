package io.github.specpipeline.core.report;

import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The report's Mermaid diagrams: the pipeline DAG, a model's flow (sources, joins, downstream models) and its
 * column lineage. Node ids are generated ({@code n0}, {@code n1}, ...) and labels are names only, quoted; a
 * name with characters other than letters, digits, {@code _} and {@code .} (possible only in a spec with
 * errors) is shown with those characters replaced by {@code _}, so spec text can never break a diagram.
 * Diagrams beyond Mermaid's default limits (50 000 characters, 500 edges) are not drawn.
 */
public final class ReportDiagrams {
    /** Below Mermaid's default {@code maxTextSize} of 50 000 characters. */
    static final int MAX_TEXT = 45_000;
    /** Below Mermaid's default {@code maxEdges} of 500. */
    static final int MAX_EDGES = 450;

    private ReportDiagrams() {
    }

    /** The pipeline: raw tables and models, an arrow from each source to the model reading it. */
    public static Optional<String> pipeline(ValidatedSpec spec) {
        Graph g = new Graph();
        for (Model m : spec.graph().order()) {
            g.node("m:" + m.name(), m.name(), m.layer() == Layer.FINAL ? "final" : "staging");
        }
        for (Model m : spec.graph().order()) {
            for (SourceRef s : m.sources()) {
                String from = sourceNode(g, spec, s);
                g.edge(from, "m:" + m.name(), null);
            }
        }
        return g.render();
    }

    /** A model's flow: its sources (with the join between them), the model, the models that read it. */
    public static Optional<String> modelFlow(ValidatedSpec spec, Model model) {
        Graph g = new Graph();
        String self = "m:" + model.name();
        for (SourceRef s : model.sources()) {
            sourceNode(g, spec, s);
        }
        g.node(self, model.name(), "current");
        Map<String, String> joinedBy = new LinkedHashMap<>();
        for (Join j : model.joins()) {
            if (j.type() != null) {
                joinedBy.putIfAbsent(j.rightTable(), j.type().sql());
            }
        }
        for (SourceRef s : model.sources()) {
            String label = joinedBy.get(s.table());
            g.edge(sourceNode(g, spec, s), self, label);
        }
        for (String down : spec.graph().downstream(model.name())) {
            String id = "m:" + down;
            g.node(id, down, spec.spec().model(down).map(m -> m.layer() == Layer.FINAL ? "final" : "staging").orElse("staging"));
            g.edge(self, id, null);
        }
        return g.render();
    }

    /**
     * Column lineage: each output column with the source columns it reads (the mapped column and the columns
     * its transform or formula references; group keys from the source that has them).
     */
    public static Optional<String> lineage(ValidatedSpec spec, Model model) {
        Map<String, Set<ColumnRef>> reads = reads(spec, model);
        if (reads.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, Set<String>> bySource = new LinkedHashMap<>();
        for (SourceRef s : model.sources()) {
            bySource.put(s.table(), new LinkedHashSet<>());
        }
        for (Set<ColumnRef> refs : reads.values()) {
            for (ColumnRef r : refs) {
                bySource.computeIfAbsent(r.qualifier(), k -> new LinkedHashSet<>()).add(r.column());
            }
        }
        int n = 0;
        int group = 0;
        for (Map.Entry<String, Set<String>> e : bySource.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            String title = model.source(e.getKey()).map(SourceRef::text).orElse(e.getKey());
            sb.append("  subgraph g").append(group++).append("[\"").append(label(title)).append("\"]\n");
            for (String c : e.getValue()) {
                String id = "n" + n++;
                ids.put(e.getKey() + "." + c, id);
                sb.append("    ").append(id).append("[\"").append(label(c)).append("\"]\n");
            }
            sb.append("  end\n");
        }
        sb.append("  subgraph g").append(group).append("[\"").append(label(model.name())).append("\"]\n");
        Map<String, String> outIds = new LinkedHashMap<>();
        for (String out : reads.keySet()) {
            String id = "n" + n++;
            outIds.put(out, id);
            sb.append("    ").append(id).append("[\"").append(label(out)).append("\"]\n");
        }
        sb.append("  end\n");
        int edges = 0;
        for (Map.Entry<String, Set<ColumnRef>> e : reads.entrySet()) {
            for (ColumnRef r : e.getValue()) {
                sb.append("  ").append(ids.get(r.qualifier() + "." + r.column())).append(" --> ")
                        .append(outIds.get(e.getKey())).append('\n');
                edges++;
            }
        }
        return limit(sb.toString(), edges);
    }

    /** Output column to the source columns it reads, in output order; empty sets left out. */
    static Map<String, Set<ColumnRef>> reads(ValidatedSpec spec, Model model) {
        Map<String, Set<ColumnRef>> out = new LinkedHashMap<>();
        Resolver resolver = new Resolver(spec, model);
        if (!model.aggregations().isEmpty() && model.columns().isEmpty()) {
            for (String key : model.groupBy()) {
                resolver.all(key).forEach(r -> add(out, key, r));
                out.computeIfAbsent(key, k -> new LinkedHashSet<>());
            }
        }
        for (ColumnMapping c : model.columns()) {
            String from = c.fromTable() != null && c.fromColumn() != null ? c.fromTable() + "." + c.fromColumn() : null;
            out.computeIfAbsent(c.targetColumn(), k -> new LinkedHashSet<>());
            if (from != null) {
                add(out, c.targetColumn(), new ColumnRef(c.fromTable(), c.fromColumn()));
            }
            if (c.transform() != null) {
                fragment(c.transform(), from, resolver).forEach(r -> add(out, c.targetColumn(), r));
            }
        }
        for (Aggregation a : model.aggregations()) {
            out.computeIfAbsent(a.metricColumn(), k -> new LinkedHashSet<>());
            if (a.formula() != null) {
                fragment(a.formula(), null, resolver).forEach(r -> add(out, a.metricColumn(), r));
            }
        }
        if (model.columns().isEmpty() && model.aggregations().isEmpty()) {
            for (Column c : spec.outputColumns(model.name())) {
                resolver.one(c.name()).ifPresent(r -> add(out, c.name(), r));
            }
        }
        out.values().removeIf(Set::isEmpty);
        return out;
    }

    private static void add(Map<String, Set<ColumnRef>> out, String column, ColumnRef ref) {
        out.computeIfAbsent(column, k -> new LinkedHashSet<>()).add(ref);
    }

    /** The columns a fragment reads, unqualified ones attributed to the source that has them; none if it does not parse. */
    private static List<ColumnRef> fragment(String text, String from, Resolver resolver) {
        List<ColumnRef> refs = new ArrayList<>();
        try {
            for (ColumnRef r : SqlFragments.analyze(text, from).columns()) {
                if (r.qualifier() != null) {
                    refs.add(r);
                } else {
                    resolver.one(r.column()).ifPresent(refs::add);
                }
            }
        } catch (SqlFragmentException | RuntimeException e) {
            // the validation diagnostics already say what is wrong with it
        }
        return refs;
    }

    /** Finds which of a model's sources has a column, from the source DDL and the upstream models' outputs. */
    private static final class Resolver {
        private final Model model;
        private final Map<String, Set<String>> columns = new LinkedHashMap<>();

        Resolver(ValidatedSpec spec, Model model) {
            this.model = model;
            for (SourceRef s : model.sources()) {
                Set<String> known = new LinkedHashSet<>();
                if (!s.isQualified() && spec.spec().model(s.table()).isPresent()) {
                    spec.outputColumns(s.table()).forEach(c -> known.add(c.name()));
                } else if (spec.sourceCatalog().isPresent()) {
                    spec.sourceCatalog().get().table(s.text()).ifPresent(t -> t.columns().forEach(c -> known.add(c.name())));
                }
                columns.put(s.table(), known);
            }
        }

        /** The source that has the column: the only source, or the only one known to have it. */
        Optional<ColumnRef> one(String column) {
            if (model.sources().size() == 1) {
                return Optional.of(new ColumnRef(model.sources().get(0).table(), column));
            }
            List<ColumnRef> all = all(column);
            return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
        }

        /** Every source known to have the column (the only source when none is known to). */
        List<ColumnRef> all(String column) {
            List<ColumnRef> out = new ArrayList<>();
            columns.forEach((table, cols) -> {
                if (cols.contains(column)) {
                    out.add(new ColumnRef(table, column));
                }
            });
            if (out.isEmpty() && model.sources().size() == 1) {
                out.add(new ColumnRef(model.sources().get(0).table(), column));
            }
            return out;
        }
    }

    private static String sourceNode(Graph g, ValidatedSpec spec, SourceRef s) {
        if (!s.isQualified() && spec.spec().model(s.table()).isPresent()) {
            Model up = spec.spec().model(s.table()).get();
            String id = "m:" + up.name();
            g.node(id, up.name(), up.layer() == Layer.FINAL ? "final" : "staging");
            return id;
        }
        String id = "r:" + s.text();
        g.node(id, s.text(), "raw");
        return id;
    }

    /** A name as a diagram label: letters, digits, '_' and '.' kept, anything else '_'. */
    static String label(String name) {
        if (name == null || name.isEmpty()) {
            return "_";
        }
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && i < 128; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    private static Optional<String> limit(String diagram, int edges) {
        if (diagram.length() > MAX_TEXT || edges > MAX_EDGES) {
            return Optional.empty();
        }
        return Optional.of(diagram);
    }

    /** A flowchart of named nodes, each drawn once, with a style per kind. */
    private static final class Graph {
        private final Map<String, String[]> nodes = new LinkedHashMap<>();
        private final Set<List<String>> edges = new LinkedHashSet<>();

        void node(String key, String name, String kind) {
            nodes.putIfAbsent(key, new String[] {"n" + nodes.size(), name, kind});
        }

        void edge(String from, String to, String label) {
            edges.add(java.util.Arrays.asList(from, to, label));
        }

        Optional<String> render() {
            StringBuilder sb = new StringBuilder("flowchart LR\n");
            for (String[] n : nodes.values()) {
                String l = label(n[1]);
                sb.append("  ").append(n[0]);
                sb.append(switch (n[2]) {
                    case "raw" -> "[(\"" + l + "\")]";
                    default -> "[\"" + l + "\"]";
                });
                sb.append(":::").append(n[2]).append('\n');
            }
            for (List<String> e : edges) {
                sb.append("  ").append(nodes.get(e.get(0))[0]);
                sb.append(e.get(2) == null ? " --> " : " -- \"" + label(e.get(2)).replace('_', ' ') + "\" --> ");
                sb.append(nodes.get(e.get(1))[0]).append('\n');
            }
            sb.append("  classDef raw fill:#f4f4f4,stroke:#888\n");
            sb.append("  classDef staging fill:#e8f1fb,stroke:#3b78c2\n");
            sb.append("  classDef final fill:#e9f7ec,stroke:#2e8b57\n");
            sb.append("  classDef current fill:#fff4d6,stroke:#c28a00,stroke-width:2px\n");
            return limit(sb.toString(), edges.size());
        }
    }
}
