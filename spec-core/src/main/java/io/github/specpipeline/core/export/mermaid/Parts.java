package io.github.specpipeline.core.export.mermaid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects a diagram's nodes and edges and splits it into parts that each stay within Mermaid's default limits
 * ({@link MermaidRenderer#MAX_CHARS} characters, {@link MermaidRenderer#MAX_EDGES} edges). Content is added as
 * groups that must stay together; a group that does not fit in the current part starts the next one. Node
 * definitions are kept per part, so a node used in two parts is defined in both. Nodes can be put in a subgraph
 * (drawn as a titled box).
 */
final class Parts {
    private final String header;
    private final List<String> classDefs;
    private final List<String> repeated;
    private final int repeatedChars;
    private final int maxChars;
    private final int maxEdges;
    private final int maxGroups;
    private final List<Part> done = new ArrayList<>();
    private Part current;

    /**
     * @param header    the first line, e.g. {@code flowchart LR}
     * @param classDefs the {@code classDef} lines, appended to every part
     * @param repeated  node lines every part starts with (e.g. the model node the groups hang off)
     * @param maxGroups at most this many groups per part (0 = no limit)
     */
    Parts(String header, List<String> classDefs, List<String> repeated, int maxChars, int maxEdges, int maxGroups) {
        this.header = header;
        this.classDefs = List.copyOf(classDefs);
        this.repeated = List.copyOf(repeated);
        this.maxChars = maxChars;
        this.maxEdges = maxEdges;
        this.maxGroups = maxGroups;
        int c = header.length() + 1;
        for (String s : this.classDefs) {
            c += s.length() + 5;
        }
        for (String s : this.repeated) {
            c += s.length() + 5;
        }
        this.repeatedChars = c;
        this.current = new Part();
    }

    /** A group of nodes and edges that is put into one part. */
    static final class Group {
        final Map<String, String> nodes = new LinkedHashMap<>();
        final Map<String, String> nodeSubgraph = new LinkedHashMap<>();
        final Map<String, String> subgraphTitles = new LinkedHashMap<>();
        final List<String> edges = new ArrayList<>();

        /** A node in no subgraph; {@code definition} is the whole node text, e.g. {@code a["x"]:::raw}. */
        Group node(String id, String definition) {
            nodes.putIfAbsent(id, definition);
            return this;
        }

        /** A node inside subgraph {@code subgraphId} titled {@code title} (a complete quoted label). */
        Group node(String id, String definition, String subgraphId, String title) {
            nodes.putIfAbsent(id, definition);
            nodeSubgraph.putIfAbsent(id, subgraphId);
            subgraphTitles.putIfAbsent(subgraphId, title);
            return this;
        }

        Group edge(String line) {
            edges.add(line);
            return this;
        }
    }

    private final class Part {
        final Map<String, String> nodes = new LinkedHashMap<>();
        final Map<String, String> nodeSubgraph = new LinkedHashMap<>();
        final Map<String, String> subgraphTitles = new LinkedHashMap<>();
        final List<String> edges = new ArrayList<>();
        int chars = repeatedChars;
        int groups;

        boolean isEmpty() {
            return groups == 0;
        }

        /** Characters and edges this group adds to this part. */
        int cost(Group g) {
            int c = 0;
            for (Map.Entry<String, String> n : g.nodes.entrySet()) {
                if (!nodes.containsKey(n.getKey())) {
                    c += n.getValue().length() + 9;
                }
            }
            for (Map.Entry<String, String> s : g.subgraphTitles.entrySet()) {
                if (!subgraphTitles.containsKey(s.getKey())) {
                    c += s.getKey().length() + s.getValue().length() + 26;
                }
            }
            for (String e : g.edges) {
                c += e.length() + 5;
            }
            return c;
        }

        void add(Group g) {
            chars += cost(g);
            g.nodes.forEach(nodes::putIfAbsent);
            g.nodeSubgraph.forEach(nodeSubgraph::putIfAbsent);
            g.subgraphTitles.forEach(subgraphTitles::putIfAbsent);
            edges.addAll(g.edges);
            groups++;
        }

        String render() {
            StringBuilder sb = new StringBuilder(chars + 64);
            sb.append(header).append('\n');
            for (String r : repeated) {
                sb.append("    ").append(r).append('\n');
            }
            Map<String, List<String>> bySubgraph = new LinkedHashMap<>();
            for (Map.Entry<String, String> n : nodes.entrySet()) {
                String sg = nodeSubgraph.get(n.getKey());
                if (sg == null) {
                    sb.append("    ").append(n.getValue()).append('\n');
                } else {
                    bySubgraph.computeIfAbsent(sg, k -> new ArrayList<>()).add(n.getValue());
                }
            }
            for (Map.Entry<String, List<String>> s : bySubgraph.entrySet()) {
                sb.append("    subgraph ")
                        .append(s.getKey())
                        .append(" [")
                        .append(subgraphTitles.get(s.getKey()))
                        .append("]\n");
                for (String def : s.getValue()) {
                    sb.append("        ").append(def).append('\n');
                }
                sb.append("    end\n");
            }
            for (String e : edges) {
                sb.append("    ").append(e).append('\n');
            }
            for (String c : classDefs) {
                sb.append("    ").append(c).append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * Adds a group, starting a new part when it does not fit. A group too big for an empty part is still added
     * (alone); callers keep groups small enough that this does not happen.
     */
    int add(Group g) {
        boolean fits = current.chars + current.cost(g) <= maxChars
                && current.edges.size() + g.edges.size() <= maxEdges
                && (maxGroups <= 0 || current.groups < maxGroups);
        if (!fits && !current.isEmpty()) {
            done.add(current);
            current = new Part();
        }
        current.add(g);
        return done.size();
    }

    /** Starts a new part unless the current one is empty. */
    void breakPart() {
        if (!current.isEmpty()) {
            done.add(current);
            current = new Part();
        }
    }

    /** Whether a group of this size always fits in an empty part. */
    boolean fitsAlone(Group g) {
        return repeatedChars + new Part().cost(g) <= maxChars && g.edges.size() <= maxEdges;
    }

    /** Each part's text with its edge count; at least one part (possibly with only the repeated lines). */
    List<Rendered> render() {
        List<Part> all = new ArrayList<>(done);
        if (!current.isEmpty() || all.isEmpty()) {
            all.add(current);
        }
        List<Rendered> out = new ArrayList<>(all.size());
        for (Part p : all) {
            out.add(new Rendered(p.render(), p.edges.size()));
        }
        return out;
    }

    record Rendered(String text, int edges) {}

    /** Distinct values in order. */
    static <T> List<T> distinct(List<T> items) {
        Set<T> set = new LinkedHashSet<>(items);
        return new ArrayList<>(set);
    }
}
