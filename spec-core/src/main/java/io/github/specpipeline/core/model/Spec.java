package io.github.specpipeline.core.model;

import java.util.List;
import java.util.Optional;

/**
 * A pipeline spec: the schema names and the models. Immutable; list order is the order of the file.
 *
 * @param version the declared format version, {@code "1"} when absent
 */
public record Spec(String version, SchemaNames schema, List<Model> models) {
    public static final String CURRENT_VERSION = "1";

    public Spec {
        models = List.copyOf(models);
    }

    public Optional<Model> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
