package io.github.specpipeline.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline spec: the schema names and the models. Immutable; list order is the order of the file.
 *
 * @param version      the declared format version, {@code "1"} when absent
 * @param modelFiles   for a spec directory, the file of each model (same order as {@code models}); empty for a
 *                     spec in one file
 * @param environments the {@code environments} block by name, in the file's order; empty when there is none
 * @param expressions  the named expressions every model can call ({@code @name(...)}), in file order
 */
public record Spec(
        String version,
        SchemaNames schema,
        List<Model> models,
        List<ModelFile> modelFiles,
        Map<String, Environment> environments,
        Map<String, String> expressions) {
    public static final String CURRENT_VERSION = "1";

    public Spec {
        models = List.copyOf(models);
        modelFiles = List.copyOf(modelFiles);
        // a LinkedHashMap copy: messages list the environments in the spec's order
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        expressions = Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
    }

    /** A spec in one file, without environments or named expressions. */
    public Spec(String version, SchemaNames schema, List<Model> models) {
        this(version, schema, models, List.of(), Map.of(), Map.of());
    }

    /** A spec in one file, without environments. */
    public Spec(String version, SchemaNames schema, List<Model> models, Map<String, String> expressions) {
        this(version, schema, models, List.of(), Map.of(), expressions);
    }

    /** A spec without named expressions. */
    public Spec(
            String version,
            SchemaNames schema,
            List<Model> models,
            List<ModelFile> modelFiles,
            Map<String, Environment> environments) {
        this(version, schema, models, modelFiles, environments, Map.of());
    }

    public Optional<Model> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The file {@code model} was read from, when the spec is a directory. */
    public Optional<ModelFile> fileOf(Model model) {
        int i = model.index();
        return i >= 0 && i < modelFiles.size() ? Optional.of(modelFiles.get(i)) : Optional.empty();
    }

    /** How messages name the model at {@code index}: {@code models[3]}, or its file in a spec directory. */
    public String placeOf(Model model) {
        return fileOf(model).map(ModelFile::file).orElse("models[" + model.index() + "]");
    }

    /** The same spec with models read from these files. */
    public Spec withModelFiles(List<ModelFile> files) {
        return new Spec(version, schema, models, files, environments, expressions);
    }

    /** The same spec with these models (named expressions expanded), everything else kept. */
    public Spec withModels(List<Model> expanded) {
        return new Spec(version, schema, expanded, modelFiles, environments, expressions);
    }

    /** The same spec writing to other schema names (an environment's). */
    public Spec withSchema(SchemaNames names) {
        return new Spec(version, names, models, modelFiles, environments, expressions);
    }
}
