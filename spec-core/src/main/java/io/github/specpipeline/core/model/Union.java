package io.github.specpipeline.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's {@code union}: sources with the same columns appended row by row ({@code UNION ALL} by name), read by
 * the model's fragments as one source, its primary one (the relation its joins start from).
 *
 * @param sources      the members in spec order: raw tables ({@code raw.orders_eu}) or models
 * @param sourceColumn the output column that tells which member a row came from (its text as written in
 *                     {@code sources}), or null for none
 * @param alias        the name the model's fragments use for the unioned rows ({@code as}), or null for the first
 *                     member's table name
 * @param listed       whether it was written as a plain list ({@code "union": [...]}), which places its members'
 *                     JSON pointers ({@code /union/0} rather than {@code /union/sources/0})
 */
public record Union(List<SourceRef> sources, String sourceColumn, String alias, boolean listed) {
    public Union {
        sources = List.copyOf(sources);
    }

    /** The name the model's fragments, joins and filters use for the unioned rows. */
    public String name() {
        return alias != null ? alias : sources.isEmpty() ? "" : sources.get(0).table();
    }

    /** The name as a source reference: the union is a source the model's fragments read by this name. */
    public SourceRef ref() {
        return new SourceRef(name(), null, name());
    }

    /** The JSON pointer of member {@code i}, under the model's pointer {@code model}. */
    public String memberPointer(String model, int i) {
        return model + "/union/" + (listed ? "" : "sources/") + i;
    }

    /** Every member's text as written, in order. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        sources.forEach(s -> out.add(s.text()));
        return out;
    }
}
