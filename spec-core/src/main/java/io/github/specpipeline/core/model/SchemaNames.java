package io.github.specpipeline.core.model;

/** The dataset/schema names of the spec's {@code schema} block. */
public record SchemaNames(String raw, String staging, String finalSchema) {
    public static final SchemaNames DEFAULT = new SchemaNames("raw", "staging", "analytics");

    /** The schema a model of this layer is written to. */
    public String of(Layer layer) {
        return layer == Layer.FINAL ? finalSchema : staging;
    }
}
