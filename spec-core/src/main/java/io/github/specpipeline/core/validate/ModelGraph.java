package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.Spec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependency graph of models. Order is deterministic: a topological order that keeps spec order among
 * models that do not depend on each other.
 */
public final class ModelGraph {
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Map<String, List<String>> upstreamModels = new LinkedHashMap<>();
    private final Map<String, Set<String>> downstreamModels = new LinkedHashMap<>();
    private final List<Model> order = new ArrayList<>();
    private final List<List<String>> cycles = new ArrayList<>();

    public ModelGraph(Spec spec) {
        for (Model m : spec.models()) {
            models.putIfAbsent(m.name(), m);
        }
        for (Model m : models.values()) {
            List<String> ups = new ArrayList<>();
            for (SourceRef s : m.inputs()) {
                if (!s.isQualified() && models.containsKey(s.table()) && !ups.contains(s.table())) {
                    ups.add(s.table());
                }
            }
            upstreamModels.put(m.name(), ups);
            downstreamModels.putIfAbsent(m.name(), new TreeSet<>());
        }
        upstreamModels.forEach(
                (name, ups) -> ups.forEach(u -> downstreamModels.get(u).add(name)));
        sort();
    }

    /** Depth-first, visiting models in spec order; a grey node met again closes a cycle. */
    private void sort() {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String name : models.keySet()) {
            visit(name, state, new ArrayList<>());
        }
    }

    private void visit(String name, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(name);
        if (s != null) {
            if (s == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
                cycle.add(name);
                cycles.add(cycle);
            }
            return;
        }
        state.put(name, 1);
        path.add(name);
        for (String up : upstreamModels.get(name)) {
            visit(up, state, path);
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        order.add(models.get(name));
    }

    /** Models in dependency order (upstream first). With cycles, every model still appears once. */
    public List<Model> order() {
        return Collections.unmodifiableList(order);
    }

    /** Each cycle as a path that ends where it starts, e.g. [a, b, a]. */
    public List<List<String>> cycles() {
        return Collections.unmodifiableList(cycles);
    }

    /** Models this model reads, in sources order. */
    public List<String> upstream(String model) {
        return upstreamModels.getOrDefault(model, List.of());
    }

    /** Models that read this model, sorted by name. */
    public Set<String> downstream(String model) {
        return Collections.unmodifiableSet(downstreamModels.getOrDefault(model, new TreeSet<>()));
    }

    /** All models this model depends on, directly or not. */
    public Set<String> ancestors(String model) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(upstream(model));
        while (!todo.isEmpty()) {
            String m = todo.remove(todo.size() - 1);
            if (seen.add(m)) {
                todo.addAll(upstream(m));
            }
        }
        return seen;
    }
}
