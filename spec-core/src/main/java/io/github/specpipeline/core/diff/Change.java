package io.github.specpipeline.core.diff;

import java.util.List;

/**
 * One change between the base and the current spec.
 *
 * @param model    the model's name
 * @param column   the output column, or null for a change to the whole model
 * @param before   the base's value as a reviewer reads it, or null when there was none (an addition)
 * @param after    the current value, or null when there is none (a removal)
 * @param impacted for a breaking change, the downstream output columns it reaches through the declared lineage,
 *                 transitively, in dependency order; empty otherwise
 * @param pointer  where the change is in the current spec (JSON pointer); for a removal, the nearest place that
 *                 is left (the model, or the models array)
 */
public record Change(
        String model,
        String column,
        ChangeKind kind,
        String before,
        String after,
        List<ModelColumn> impacted,
        String pointer) {
    public Change {
        impacted = List.copyOf(impacted);
    }

    public Category category() {
        return kind.category();
    }

    public boolean isBreaking() {
        return kind.category() == Category.BREAKING;
    }

    Change withImpacted(List<ModelColumn> reached) {
        return new Change(model, column, kind, before, after, reached, pointer);
    }
}
