package io.github.specpipeline.core.export.mermaid;

import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.SpecReview.ColumnKind;
import io.github.specpipeline.core.export.SpecReview.ColumnRow;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.SpecReview.SourceColumnRef;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.sql.FilterStage;
import io.github.specpipeline.core.validate.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The review diagrams, as Mermaid flowcharts:
 * <ul>
 * <li>the pipeline DAG: raw sources, staging and final models, styled by layer;</li>
 * <li>per model, its flow: sources, filters on sources, each join with its type and condition, filters on the
 * joined rows, the model (with its grouping), its transforms and its output columns;</li>
 * <li>per model, its column lineage: each output column with the source columns it reads, the edge labelled
 * with the transform.</li>
 * </ul>
 * Every diagram stays within Mermaid's default limits whatever the spec's size: content is grouped and a diagram
 * that would pass {@link #MAX_CHARS} characters or {@link #MAX_EDGES} edges is split into parts (the pipeline by
 * layer, then by groups of models with their direct upstream; a model's flow and lineage by groups of columns).
 * All text is escaped with {@link MermaidText}; node ids are derived from validated identifiers or indexes.
 */
public final class MermaidRenderer {
    /** Characters per diagram; Mermaid refuses more than 50,000 by default ({@code maxTextSize}). */
    public static final int MAX_CHARS = 45_000;
    /** Edges per diagram; Mermaid refuses more than 500 by default ({@code maxEdges}). */
    public static final int MAX_EDGES = 400;
    /** Output columns of one model per lineage diagram. */
    public static final int LINEAGE_COLUMNS = 30;

    static final int NAME = 100;
    static final int SQL = 60;
    static final int EDGE_SQL = 40;
    static final int COLUMNS_PER_NODE = 25;
    static final int TRANSFORMS_PER_NODE = 12;
    static final int LIST_PER_NODE = 15;
    static final String BR = "<br/>";

    private static final List<String> PIPELINE_CLASSES = List.of(
            "classDef raw fill:#fdecea,stroke:#b71c1c,color:#1a1a1a",
            "classDef staging fill:#e3f2fd,stroke:#1565c0,color:#1a1a1a",
            "classDef final fill:#e8f5e9,stroke:#2e7d32,color:#1a1a1a,stroke-width:2px",
            "classDef missing fill:#ffffff,stroke:#9e9e9e,color:#616161,stroke-dasharray:4 3");
    private static final List<String> FLOW_CLASSES = List.of(
            "classDef raw fill:#fdecea,stroke:#b71c1c,color:#1a1a1a",
            "classDef staging fill:#e3f2fd,stroke:#1565c0,color:#1a1a1a",
            "classDef final fill:#e8f5e9,stroke:#2e7d32,color:#1a1a1a",
            "classDef missing fill:#ffffff,stroke:#9e9e9e,color:#616161,stroke-dasharray:4 3",
            "classDef join fill:#fff8e1,stroke:#f57f17,color:#1a1a1a",
            "classDef filter fill:#f3e5f5,stroke:#6a1b9a,color:#1a1a1a",
            "classDef model fill:#fffde7,stroke:#f9a825,color:#1a1a1a,stroke-width:3px",
            "classDef transform fill:#ffffff,stroke:#455a64,color:#1a1a1a",
            "classDef output fill:#e8f5e9,stroke:#2e7d32,color:#1a1a1a");
    private static final List<String> LINEAGE_CLASSES = List.of(
            "classDef src fill:#e3f2fd,stroke:#1565c0,color:#1a1a1a",
            "classDef target fill:#e8f5e9,stroke:#2e7d32,color:#1a1a1a",
            "classDef generated fill:#fffde7,stroke:#f9a825,color:#1a1a1a");

    private MermaidRenderer() {}

    /** One model's diagrams. */
    public record ModelDiagrams(ModelReview model, List<Diagram> flow, List<Diagram> lineage) {
        public ModelDiagrams {
            flow = List.copyOf(flow);
            lineage = List.copyOf(lineage);
        }
    }

    /**
     * All diagrams of a spec. The pipeline's are made once; a model's are made when asked for, so that exporting
     * a very large spec never holds every diagram's text at once.
     */
    public static final class Diagrams {
        private final SpecReview review;
        private final List<Diagram> pipeline;

        private Diagrams(SpecReview review, List<Diagram> pipeline) {
            this.review = review;
            this.pipeline = List.copyOf(pipeline);
        }

        public List<Diagram> pipeline() {
            return pipeline;
        }

        /** The flow and lineage diagrams of one model of the review. */
        public ModelDiagrams of(ModelReview model) {
            return new ModelDiagrams(model, flow(review, model), lineage(model));
        }
    }

    public static Diagrams render(SpecReview review) {
        return new Diagrams(review, pipeline(review));
    }

    // ---- pipeline ----------------------------------------------------------------------------------------

    /** The DAG of the whole pipeline, split by layer and size when it does not fit in one diagram. */
    public static List<Diagram> pipeline(SpecReview review) {
        Map<String, ModelReview> byName = new HashMap<>();
        for (ModelReview m : review.models()) {
            byName.putIfAbsent(m.name(), m);
        }
        Map<String, String> rawIds = new TreeMap<>();
        Map<String, String> missingIds = new TreeMap<>();
        for (ModelReview m : review.models()) {
            for (SourceRef s : m.model().inputs()) {
                if (s.isQualified()) {
                    rawIds.putIfAbsent(s.text(), null);
                } else if (!byName.containsKey(s.text())) {
                    missingIds.putIfAbsent(s.text(), null);
                }
            }
        }
        String raw = review.validated().spec().schema().raw();
        int n = 0;
        for (Map.Entry<String, String> e : rawIds.entrySet()) {
            SourceRef s = SourceRef.parse(e.getKey());
            e.setValue(raw.equals(s.schema()) && Identifiers.isValid(s.table()) ? "r_" + s.table() : "rx" + n);
            n++;
        }
        n = 0;
        for (Map.Entry<String, String> e : missingIds.entrySet()) {
            e.setValue(Identifiers.isValid(e.getKey()) ? "u_" + e.getKey() : "ux" + n);
            n++;
        }

        List<ModelReview> ordered = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            review.models().stream().filter(m -> m.layer() == layer).forEach(ordered::add);
        }
        List<Parts.Group> groups = new ArrayList<>(ordered.size());
        List<ModelReview> groupModels = new ArrayList<>(ordered.size());
        int perGroup = MAX_EDGES / 2;
        for (ModelReview m : ordered) {
            String id = modelId(m);
            // a union's members are upstreams as sources are: an edge from each
            List<SourceRef> sources = m.model().inputs();
            // a model with very many sources is drawn in several groups, each small enough for one diagram
            for (int first = 0; first == 0 || first < sources.size(); first += perGroup) {
                Parts.Group g = new Parts.Group();
                g.node(id, modelNode(id, m));
                for (SourceRef s :
                        sources.subList(Math.min(first, sources.size()), Math.min(sources.size(), first + perGroup))) {
                    String from = pipelineSource(s, rawIds, missingIds, byName, g);
                    g.edge(from + " --> " + id);
                }
                groups.add(g);
                groupModels.add(m);
            }
        }

        Parts one = new Parts("flowchart LR", PIPELINE_CLASSES, List.of(), MAX_CHARS, MAX_EDGES, 0);
        groups.forEach(one::add);
        List<Parts.Rendered> rendered = one.render();
        if (rendered.size() == 1) {
            return List.of(new Diagram(
                    "pipeline.mmd",
                    "Pipeline",
                    rendered.get(0).text(),
                    rendered.get(0).edges()));
        }
        Parts split = new Parts("flowchart LR", PIPELINE_CLASSES, List.of(), MAX_CHARS, MAX_EDGES, 0);
        Map<Integer, List<ModelReview>> members = new TreeMap<>();
        Layer previous = null;
        for (int i = 0; i < groups.size(); i++) {
            ModelReview m = groupModels.get(i);
            if (previous != null && m.layer() != previous) {
                split.breakPart();
            }
            previous = m.layer();
            List<ModelReview> in = members.computeIfAbsent(split.add(groups.get(i)), k -> new ArrayList<>());
            if (in.isEmpty() || in.get(in.size() - 1) != m) {
                in.add(m);
            }
        }
        rendered = split.render();
        List<Diagram> out = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            List<ModelReview> in = members.getOrDefault(i, List.of());
            String title = "Pipeline, part " + (i + 1) + " of " + rendered.size();
            if (!in.isEmpty()) {
                title += ": " + in.get(0).layer().id() + " models " + in.get(0).displayName()
                        + (in.size() > 1 ? " to " + in.get(in.size() - 1).displayName() : "");
            }
            out.add(new Diagram(
                    i == 0 ? "pipeline.mmd" : "pipeline-" + (i + 1) + ".mmd",
                    title,
                    rendered.get(i).text(),
                    rendered.get(i).edges()));
        }
        return out;
    }

    /** Adds the node of a source to {@code g}; returns its id. */
    private static String pipelineSource(
            SourceRef s,
            Map<String, String> rawIds,
            Map<String, String> missingIds,
            Map<String, ModelReview> byName,
            Parts.Group g) {
        if (s.isQualified()) {
            String from = rawIds.get(s.text());
            g.node(from, from + "[(" + MermaidText.quoted(s.text(), NAME) + ")]:::raw");
            return from;
        }
        ModelReview up = byName.get(s.text());
        if (up != null) {
            String from = modelId(up);
            g.node(from, modelNode(from, up));
            return from;
        }
        String from = missingIds.get(s.text());
        g.node(from, from + "[" + MermaidText.quoted(s.text() + " (not a model)", NAME) + "]:::missing");
        return from;
    }

    private static String modelId(ModelReview m) {
        return "m_" + m.key();
    }

    private static String modelNode(String id, ModelReview m) {
        String label = MermaidText.quoted(m.displayName(), NAME);
        return m.layer() == Layer.FINAL ? id + "[[" + label + "]]:::final" : id + "(" + label + "):::staging";
    }

    // ---- flow --------------------------------------------------------------------------------------------

    /** One model's flow from sources to output columns. */
    public static List<Diagram> flow(SpecReview review, ModelReview mr) {
        Model m = mr.model();
        String modelNode = "m([\"" + String.join(BR, modelLines(mr)) + "\"]):::model";
        Parts parts = new Parts("flowchart LR", FLOW_CLASSES, List.of(modelNode), MAX_CHARS, MAX_EDGES, 0);

        Parts.Group structure = structure(review, mr);
        if (parts.fitsAlone(structure) && structure.edges.size() <= MAX_EDGES / 2) {
            parts.add(structure);
        } else {
            compactStructure(mr, parts);
        }

        List<ColumnRow> transformed =
                mr.columns().stream().filter(c -> c.transform() != null).toList();
        for (int i = 0; i < transformed.size(); i += TRANSFORMS_PER_NODE) {
            List<ColumnRow> chunk = transformed.subList(i, Math.min(transformed.size(), i + TRANSFORMS_PER_NODE));
            List<String> lines = new ArrayList<>();
            if (transformed.size() > TRANSFORMS_PER_NODE) {
                lines.add(MermaidText.label(
                        "Transforms " + (i + 1) + " to " + (i + chunk.size()) + " of " + transformed.size(), 0));
            }
            for (ColumnRow c : chunk) {
                lines.add(MermaidText.label(c.name(), NAME) + " = " + MermaidText.label(c.transform(), SQL));
            }
            String id = "t" + (i / TRANSFORMS_PER_NODE);
            parts.add(new Parts.Group()
                    .node(id, id + "[\"" + String.join(BR, lines) + "\"]:::transform")
                    .edge("m --> " + id));
        }
        List<ColumnRow> columns = mr.columns();
        for (int i = 0; i < columns.size(); i += COLUMNS_PER_NODE) {
            List<ColumnRow> chunk = columns.subList(i, Math.min(columns.size(), i + COLUMNS_PER_NODE));
            List<String> lines = new ArrayList<>();
            lines.add(MermaidText.label(
                    columns.size() > COLUMNS_PER_NODE
                            ? "Output columns " + (i + 1) + " to " + (i + chunk.size()) + " of " + columns.size()
                            : "Output columns",
                    0));
            for (ColumnRow c : chunk) {
                lines.add(MermaidText.label(c.name(), NAME)
                        + (c.type() == null ? "" : " " + MermaidText.label(c.type(), 40)));
            }
            String id = "cols" + (i / COLUMNS_PER_NODE);
            parts.add(new Parts.Group()
                    .node(id, id + "[\"" + String.join(BR, lines) + "\"]:::output")
                    .edge("m --> " + id));
        }
        return named(parts.render(), "model_" + mr.key() + ".flow", "Flow of " + mr.displayName());
    }

    private static List<String> modelLines(ModelReview mr) {
        Model m = mr.model();
        List<String> lines = new ArrayList<>();
        lines.add(MermaidText.label(mr.displayName(), NAME));
        lines.add(MermaidText.label(
                m.layer().id() + " model, " + m.effectiveMaterialization().id(), 0));
        if (!m.groupBy().isEmpty()) {
            lines.add(MermaidText.label("GROUP BY " + String.join(", ", m.groupBy()), NAME));
        }
        if (m.constraints().isScd2()) {
            lines.add(MermaidText.label(
                    "SCD type 2 on " + String.join(", ", m.constraints().naturalKey()), NAME));
        }
        return lines;
    }

    /** Sources, filters and joins, each as a node, flowing into the model node {@code m}. */
    private static Parts.Group structure(SpecReview review, ModelReview mr) {
        Model m = mr.model();
        Parts.Group g = new Parts.Group();
        Map<String, String> current = new LinkedHashMap<>();
        Map<String, Set<String>> joined = new HashMap<>();
        if (m.union() != null) {
            // the union: its members flow into one node, which stands for the unioned rows under the union's name
            String label = MermaidText.label("UNION ALL BY NAME", 0)
                    + BR
                    + MermaidText.label("as " + m.union().name(), NAME);
            g.node("un", "un{{\"" + label + "\"}}:::join");
            for (int i = 0; i < m.union().sources().size(); i++) {
                String id = "su" + i;
                g.node(id, sourceNode(review, id, m.union().sources().get(i)));
                g.edge(id + " --> un");
            }
            current.put(m.union().name(), "un");
            joined.put(m.union().name(), new LinkedHashSet<>(List.of(m.union().name())));
        }
        for (int i = 0; i < m.sources().size(); i++) {
            SourceRef s = m.sources().get(i);
            String id = "s" + i;
            g.node(id, sourceNode(review, id, s));
            if (current.putIfAbsent(s.table(), id) == null) {
                joined.put(s.table(), new LinkedHashSet<>(List.of(s.table())));
            }
        }
        int unknown = 0;
        List<Filter> modelFilters = new ArrayList<>();
        for (int i = 0; i < m.filters().size(); i++) {
            Filter f = m.filters().get(i);
            String table = alias(m, f.appliesTo());
            if (f.appliesTo() == null || f.appliesTo().equals(m.name()) || table == null) {
                modelFilters.add(f);
                continue;
            }
            String id = "f" + i;
            g.node(id, filterNode(id, f));
            g.edge(current.get(table) + " --> " + id);
            current.put(table, id);
        }
        for (int i = 0; i < m.joins().size(); i++) {
            Join j = m.joins().get(i);
            String id = "j" + i;
            String label = MermaidText.label(j.type().sql(), 0)
                    + BR
                    + (j.type() == JoinType.CROSS || j.condition() == null
                            ? MermaidText.label(j.rightTable(), NAME)
                            : MermaidText.label("ON " + j.condition(), SQL));
            g.node(id, id + "{{\"" + label + "\"}}:::join");
            List<String> inputs = new ArrayList<>();
            Set<String> tables = new LinkedHashSet<>();
            for (String side : new String[] {j.leftTable(), j.rightTable()}) {
                String table = alias(m, side);
                if (table == null) {
                    String u = "u" + unknown++;
                    g.node(u, u + "[" + MermaidText.quoted(side + " (not a source)", NAME) + "]:::missing");
                    inputs.add(u);
                } else {
                    inputs.add(current.get(table));
                    tables.addAll(joined.get(table));
                }
            }
            for (String in : Parts.distinct(inputs)) {
                g.edge(in + " --> " + id);
            }
            for (String t : tables) {
                current.put(t, id);
                joined.put(t, tables);
            }
        }
        List<String> heads = Parts.distinct(new ArrayList<>(current.values()));
        for (int i = 0; i < modelFilters.size(); i++) {
            String id = "fm" + i;
            g.node(id, filterNode(id, modelFilters.get(i)));
            for (String h : heads) {
                g.edge(h + " --> " + id);
            }
            heads = List.of(id);
        }
        for (String h : heads) {
            g.edge(h + " --> m");
        }
        return g;
    }

    /** For models with very many sources, joins or filters: the same information as lists, in as many parts as needed. */
    private static void compactStructure(ModelReview mr, Parts parts) {
        Model m = mr.model();
        List<String> sources = m.inputs().stream().map(SourceRef::text).toList();
        list(parts, "sl", "Sources", sources, "[\"", "\"]:::raw");
        List<String> joins = m.joins().stream()
                .map(j -> j.type().sql() + " " + j.rightTable() + (j.condition() == null ? "" : " ON " + j.condition()))
                .toList();
        list(parts, "jl", "Joins", joins, "{{\"", "\"}}:::join");
        List<String> filters = m.filters().stream()
                .map(f -> (f.appliesTo() == null ? "" : f.appliesTo() + ": ") + clause(f) + f.predicate())
                .toList();
        list(parts, "fl", "Filters", filters, "[/\"", "\"/]:::filter");
    }

    private static void list(Parts parts, String prefix, String what, List<String> items, String open, String close) {
        for (int i = 0; i < items.size(); i += LIST_PER_NODE) {
            List<String> chunk = items.subList(i, Math.min(items.size(), i + LIST_PER_NODE));
            List<String> lines = new ArrayList<>();
            lines.add(MermaidText.label(what + " " + (i + 1) + " to " + (i + chunk.size()) + " of " + items.size(), 0));
            chunk.forEach(x -> lines.add(MermaidText.label(x, SQL)));
            String id = prefix + (i / LIST_PER_NODE);
            parts.add(new Parts.Group()
                    .node(id, id + open + String.join(BR, lines) + close)
                    .edge(id + " --> m"));
        }
    }

    private static String sourceNode(SpecReview review, String id, SourceRef s) {
        if (s.isQualified()) {
            return id + "[(" + MermaidText.quoted(s.text(), NAME) + ")]:::raw";
        }
        return review.model(s.text())
                .map(up -> up.layer() == Layer.FINAL
                        ? id + "[[" + MermaidText.quoted(s.text(), NAME) + "]]:::final"
                        : id + "(" + MermaidText.quoted(s.text(), NAME) + "):::staging")
                .orElse(id + "[" + MermaidText.quoted(s.text() + " (not a model)", NAME) + "]:::missing");
    }

    /** {@code WHERE }, {@code HAVING } or {@code QUALIFY }: where in the query the filter applies. */
    private static String clause(Filter f) {
        return FilterStage.ofText(f.predicate()).keyword() + " ";
    }

    private static String filterNode(String id, Filter f) {
        String label = MermaidText.label(clause(f) + f.predicate(), SQL);
        if (f.rationale() != null && !f.rationale().isBlank()) {
            label += BR + MermaidText.label(f.rationale(), SQL);
        }
        return id + "[/\"" + label + "\"/]:::filter";
    }

    /** The source a join or filter names: by its table name, or as written in {@code sources}; null when none. */
    private static String alias(Model m, String table) {
        if (table == null) {
            return null;
        }
        for (SourceRef s : m.relations()) {
            if (s.table().equals(table) || s.text().equals(table)) {
                return s.table();
            }
        }
        return null;
    }

    // ---- column lineage ------------------------------------------------------------------------------------

    /** One model's column lineage, {@link #LINEAGE_COLUMNS} output columns per diagram. */
    public static List<Diagram> lineage(ModelReview mr) {
        Model m = mr.model();
        Parts parts = new Parts("flowchart LR", LINEAGE_CLASSES, List.of(), MAX_CHARS, MAX_EDGES, LINEAGE_COLUMNS);
        Map<String, Integer> tableIndex = new LinkedHashMap<>();
        for (SourceRef s : m.relations()) {
            tableIndex.putIfAbsent(s.table(), tableIndex.size());
        }
        Map<String, String> sourceText = new HashMap<>();
        for (SourceRef s : m.relations()) {
            sourceText.putIfAbsent(s.table(), s.text());
        }
        Map<String, String> columnIds = new HashMap<>();
        Set<String> targetIds = new java.util.HashSet<>();
        List<ColumnRow> columns = mr.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnRow c = columns.get(i);
            String target = Identifiers.isValid(c.name())
                            && targetIds.add("t_" + c.name().toLowerCase(java.util.Locale.ROOT))
                    ? "t_" + c.name()
                    : "t" + i;
            boolean generated = c.lineage().isEmpty();
            String label =
                    MermaidText.label(c.name(), NAME) + (c.type() == null ? "" : BR + MermaidText.label(c.type(), 40));
            if (generated && c.transform() != null) {
                label += BR + MermaidText.label(c.transform(), SQL);
            } else if (c.kind() == ColumnKind.SCD2) {
                label += BR + MermaidText.label("SCD2 column", 0);
            }
            String targetNode = target + "[\"" + label + "\"]:::" + (generated ? "generated" : "target");
            List<SourceColumnRef> refs = c.lineage();
            int chunk = MAX_EDGES / 2;
            for (int r = 0; r == 0 || r < refs.size(); r += chunk) {
                Parts.Group g = new Parts.Group().node(target, targetNode);
                for (SourceColumnRef ref : refs.subList(Math.min(r, refs.size()), Math.min(refs.size(), r + chunk))) {
                    Integer t = tableIndex.get(ref.table());
                    String tk = t == null ? "u" : Integer.toString(t);
                    String key = tk + "|" + ref.column().toLowerCase(java.util.Locale.ROOT);
                    String id = columnIds.computeIfAbsent(
                            key,
                            k -> Identifiers.isValid(ref.column())
                                    ? "c" + tk + "_" + ref.column()
                                    : "c" + tk + "x" + columnIds.size());
                    String title = t == null
                            ? (ref.table().equals("?") ? "unknown source" : ref.table() + " (not a source)")
                            : sourceText.get(ref.table());
                    g.node(
                            id,
                            id + "[" + MermaidText.quoted(ref.column(), NAME) + "]:::src",
                            "g" + tk,
                            MermaidText.quoted(title, NAME));
                    String edgeLabel = switch (c.kind()) {
                        case GROUP_KEY -> "group by";
                        case PASS_THROUGH -> null;
                        default -> c.transform();
                    };
                    g.edge(id
                            + (edgeLabel == null ? " --> " : " -->|" + MermaidText.quoted(edgeLabel, EDGE_SQL) + "| ")
                            + target);
                }
                parts.add(g);
            }
        }
        return named(parts.render(), "model_" + mr.key() + ".lineage", "Column lineage of " + mr.displayName());
    }

    private static List<Diagram> named(List<Parts.Rendered> rendered, String base, String title) {
        List<Diagram> out = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            String name = i == 0 ? base + ".mmd" : base + "-" + (i + 1) + ".mmd";
            String t = rendered.size() == 1 ? title : title + ", part " + (i + 1) + " of " + rendered.size();
            out.add(new Diagram(name, t, rendered.get(i).text(), rendered.get(i).edges()));
        }
        return out;
    }
}
