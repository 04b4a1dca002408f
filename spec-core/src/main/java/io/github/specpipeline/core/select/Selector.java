package io.github.specpipeline.core.select;

/**
 * One term of a selection, as dbt writes it: {@code name}, {@code tag:finance} or {@code changed}, with {@code +}
 * before for every upstream model and after for every downstream model.
 *
 * @param column 1-based column of the term in the property's text, for messages
 */
public record Selector(Criterion criterion, boolean upstream, boolean downstream, String text, int column) {

    /** What a term matches before {@code +} widens it. */
    public sealed interface Criterion {}

    /** The model of this name. */
    public record ModelName(String name) implements Criterion {}

    /** Every model with this tag. */
    public record Tag(String tag) implements Criterion {}

    /** Every model that differs from the base spec. */
    public record Changed() implements Criterion {}
}
