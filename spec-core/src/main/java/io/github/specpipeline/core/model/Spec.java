package io.github.specpipeline.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline spec: the schema names and the models. Immutable; list order is the order of the file.
 *
 * @param version     the declared format version, {@code "1"} when absent
 * @param expressions the named expressions every model can call ({@code @name(...)}), in file order
 */
public record Spec(String version, SchemaNames schema, List<Model> models, Map<String, String> expressions) {
    public static final String CURRENT_VERSION = "1";

    public Spec {
        models = List.copyOf(models);
        expressions = Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
    }

    public Spec(String version, SchemaNames schema, List<Model> models) {
        this(version, schema, models, Map.of());
    }

    public Optional<Model> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
