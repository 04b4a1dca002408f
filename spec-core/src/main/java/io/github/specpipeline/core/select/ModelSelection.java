package io.github.specpipeline.core.select;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.validate.ModelGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code specpipeline.select}: which models a goal works on, in dbt's node selection grammar. Terms are separated by
 * commas or whitespace, and every term adds its models (a union; dbt reads a comma as an intersection, which this
 * plugin does not offer, so both separators mean "or"). A term is a model name, {@code tag:<tag>}, {@code changed}
 * (models that differ from {@code specpipeline.base}), each with {@code +} before (and every model it reads,
 * transitively) and after (and every model that reads it, transitively). {@code changed+} is the changed models and
 * their downstream models.
 */
public final class ModelSelection {
    private ModelSelection() {}

    /** The terms of {@code text}; blank text is no selection (every model). */
    public static List<Selector> parse(String text) throws SelectionException {
        List<Selector> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && text.charAt(i) != ',' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            terms.add(term(text.substring(start, i), start + 1));
        }
        return terms;
    }

    private static Selector term(String text, int column) throws SelectionException {
        String t = text;
        boolean up = t.startsWith("+");
        if (up) {
            t = t.substring(1);
        }
        boolean down = t.endsWith("+");
        if (down) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.contains("+")) {
            throw new SelectionException(
                    column, "'" + text + "' is not a selector: write name, +name, name+, +name+, tag:<tag> or changed");
        }
        Selector.Criterion criterion;
        if (t.startsWith("tag:")) {
            String tag = t.substring("tag:".length());
            if (tag.isEmpty()) {
                throw new SelectionException(column, "'" + text + "' names no tag: write tag:<tag>");
            }
            criterion = new Selector.Tag(tag);
        } else if (t.equals("changed")) {
            if (up) {
                throw new SelectionException(
                        column, "'" + text + "': +changed is not offered; use changed or changed+ (and downstream)");
            }
            criterion = new Selector.Changed();
        } else if (t.contains(":")) {
            throw new SelectionException(
                    column,
                    "'" + text + "' uses a selection method this plugin does not have; it has tag:<tag> and changed");
        } else {
            criterion = new Selector.ModelName(t);
        }
        return new Selector(criterion, up, down, text, column);
    }

    /**
     * The models {@code text} selects from {@code models}, in spec order; empty when the text is blank (no selection:
     * every model).
     *
     * @param changed the changed models, for {@code changed}
     * @throws SelectionException for a bad term, a model or tag the spec does not have (with the nearest name), or
     *     {@code changed} without a base
     */
    public static Optional<List<String>> select(
            String text, List<Model> models, ModelGraph graph, ChangedModels changed) throws SelectionException {
        List<Selector> terms = parse(text);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> tags = new TreeSet<>();
        models.forEach(m -> {
            names.add(m.name());
            tags.addAll(m.tags());
        });
        Set<String> picked = new LinkedHashSet<>();
        for (Selector s : terms) {
            Set<String> matched = new LinkedHashSet<>();
            if (s.criterion() instanceof Selector.ModelName n) {
                if (!names.contains(n.name())) {
                    throw new SelectionException(
                            s.column(), "no model '" + n.name() + "'" + didYouMean(n.name(), names));
                }
                matched.add(n.name());
            } else if (s.criterion() instanceof Selector.Tag t) {
                if (!tags.contains(t.tag())) {
                    throw new SelectionException(
                            s.column(), "no model has tag '" + t.tag() + "'" + didYouMean(t.tag(), tags));
                }
                models.stream().filter(m -> m.tags().contains(t.tag())).forEach(m -> matched.add(m.name()));
            } else {
                Set<String> c = changed.changed();
                if (c == null) {
                    throw new SelectionException(
                            s.column(),
                            "'" + s.text() + "' needs a base spec to compare with: -Dspecpipeline.base=<path of the old"
                                    + " spec.json>");
                }
                c.stream().filter(names::contains).forEach(matched::add);
            }
            picked.addAll(matched);
            for (String m : matched) {
                if (s.upstream()) {
                    picked.addAll(graph.ancestors(m));
                }
                if (s.downstream()) {
                    picked.addAll(descendants(graph, m));
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String n : names) {
            if (picked.contains(n)) {
                ordered.add(n);
            }
        }
        return Optional.of(ordered);
    }

    /** Every model that reads {@code model}, directly or not. */
    public static Set<String> descendants(ModelGraph graph, String model) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(graph.downstream(model));
        while (!todo.isEmpty()) {
            String m = todo.remove(todo.size() - 1);
            if (seen.add(m)) {
                todo.addAll(graph.downstream(m));
            }
        }
        return seen;
    }

    /** The models {@code selected} need built first: their ancestors that are not selected themselves, in spec order. */
    public static List<String> upstreamOnly(Collection<String> selected, List<Model> models, ModelGraph graph) {
        Set<String> needed = new LinkedHashSet<>();
        selected.forEach(s -> needed.addAll(graph.ancestors(s)));
        needed.removeAll(selected);
        return models.stream().map(Model::name).filter(needed::contains).toList();
    }

    /** {@code " (did you mean 'x'?)"} for the nearest of {@code known} within a third of the name's length, else "". */
    static String didYouMean(String name, Collection<String> known) {
        Optional<String> best = known.stream()
                .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k));
        if (best.isEmpty() || distance(name, best.get()) > Math.max(2, name.length() / 3)) {
            return "";
        }
        return " (did you mean '" + best.get() + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
