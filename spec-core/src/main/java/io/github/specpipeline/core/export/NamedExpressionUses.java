package io.github.specpipeline.core.export;

import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.sql.NamedExpressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The named expressions of a review (the spec's, then each model's) with where each is called: the fragments as
 * written that call it and the other definitions whose bodies do. A call resolves as expansion resolves it: to the
 * model's own definition of that name, else to the spec's.
 */
final class NamedExpressionUses {

    /**
     * One definition.
     *
     * @param model  the model that defines it, or null for the spec's
     * @param arity  the number of arguments ({@code {0}}, {@code {1}}, ...)
     * @param usedIn where it is called: {@code stg_customers.email}, {@code stg_orders filter 1},
     *               {@code expression other}
     */
    record Definition(ModelReview model, String name, int arity, String body, List<String> usedIn) {
        Definition {
            usedIn = List.copyOf(usedIn);
        }
    }

    private NamedExpressionUses() {}

    static List<Definition> of(SpecReview review) {
        Map<String, String> specLevel = review.validated().written().expressions();
        NamedExpressions specScope = new NamedExpressions(specLevel);
        // per definition (model key or "" for the spec, then name): where it is called, in spec order
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        specLevel.keySet().forEach(n -> uses.put(key(null, n), new LinkedHashSet<>()));
        for (ModelReview m : review.models()) {
            m.written().expressions().keySet().forEach(n -> uses.put(key(m, n), new LinkedHashSet<>()));
        }
        specLevel.forEach((name, body) -> {
            for (String called : NamedExpressions.calls(body)) {
                // a spec-level body resolves among the spec's definitions only
                uses.computeIfPresent(key(null, called), (k, v) -> add(v, "expression " + name));
            }
        });
        for (ModelReview m : review.models()) {
            Model w = m.written();
            String model = m.displayName();
            w.expressions().forEach((name, body) -> record(uses, m, body, "expression " + name + " of " + model));
            for (ColumnMapping c : w.columns()) {
                record(uses, m, c.transform(), model + "." + c.targetColumn());
                tests(uses, m, c.tests(), model + "." + c.targetColumn());
            }
            for (Aggregation a : w.aggregations()) {
                record(uses, m, a.formula(), model + "." + a.metricColumn());
                tests(uses, m, a.tests(), model + "." + a.metricColumn());
            }
            for (int i = 0; i < w.joins().size(); i++) {
                record(uses, m, w.joins().get(i).condition(), model + " join " + (i + 1));
            }
            for (int i = 0; i < w.filters().size(); i++) {
                record(uses, m, w.filters().get(i).predicate(), model + " filter " + (i + 1));
            }
        }
        List<Definition> out = new ArrayList<>();
        new TreeMap<>(specLevel)
                .forEach((name, body) -> out.add(new Definition(
                        null, name, specScope.arityOf(name).orElse(0), body, List.copyOf(uses.get(key(null, name))))));
        for (ModelReview m : review.models()) {
            NamedExpressions scope = new NamedExpressions(specLevel, m.written().expressions());
            new TreeMap<>(m.written().expressions())
                    .forEach((name, body) -> out.add(new Definition(
                            m, name, scope.arityOf(name).orElse(0), body, List.copyOf(uses.get(key(m, name))))));
        }
        return out;
    }

    private static void tests(Map<String, Set<String>> uses, ModelReview m, List<DataTest> tests, String where) {
        for (DataTest t : tests) {
            if (t instanceof DataTest.Expression e) {
                record(uses, m, e.sql(), where + " test");
            }
        }
    }

    /** Records the calls {@code text} of model {@code m} makes, each resolved to the model's or the spec's definition. */
    private static void record(Map<String, Set<String>> uses, ModelReview m, String text, String where) {
        for (String called : NamedExpressions.calls(text)) {
            String own = key(m, called);
            if (uses.containsKey(own)) {
                uses.get(own).add(where);
            } else {
                uses.computeIfPresent(key(null, called), (k, v) -> add(v, where));
            }
        }
    }

    private static Set<String> add(Set<String> set, String value) {
        set.add(value);
        return set;
    }

    /** A definition's key: the model's review key (unique) or nothing for the spec's, then the name. */
    private static String key(ModelReview m, String name) {
        return (m == null ? "" : m.key()) + "\u0000" + name;
    }
}
