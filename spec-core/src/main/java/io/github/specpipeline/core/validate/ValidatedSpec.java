package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.Spec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spec after validation: the model, what validation learned about it (dependency order, each model's
 * output columns) and the diagnostics. Exporters and generators read this rather than re-deriving it.
 *
 * @param specFile      the spec's file name as shown in diagnostics
 * @param sourceCatalog the source DDL, when it was given
 * @param outputColumns each model's output columns in output order (known even without DDL)
 * @param written       the spec as written, before its named expressions were expanded ({@code spec} holds the
 *                      expansion, which is what every check and generator reads); the review shows both
 */
public record ValidatedSpec(
        String specFile,
        Spec spec,
        ModelGraph graph,
        Optional<SourceCatalog> sourceCatalog,
        Map<String, List<Column>> outputColumns,
        List<Diagnostic> diagnostics,
        Spec written) {

    public ValidatedSpec {
        outputColumns = Map.copyOf(outputColumns);
        diagnostics = List.copyOf(diagnostics);
    }

    /** A spec without named expressions: as written is as validated. */
    public ValidatedSpec(
            String specFile,
            Spec spec,
            ModelGraph graph,
            Optional<SourceCatalog> sourceCatalog,
            Map<String, List<Column>> outputColumns,
            List<Diagnostic> diagnostics) {
        this(specFile, spec, graph, sourceCatalog, outputColumns, diagnostics, spec);
    }

    /**
     * {@code model} of {@link #spec()} as written (its fragments before expansion), found by its index in the spec's
     * {@code models}; the model itself when the written spec does not have it.
     */
    public Model written(Model model) {
        if (written == spec) {
            return model;
        }
        for (Model w : written.models()) {
            if (w != null && w.index() == model.index()) {
                return w;
            }
        }
        return model;
    }

    public List<Column> outputColumns(String model) {
        return outputColumns.getOrDefault(model, List.of());
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    /** Diagnostics located in the given model (by JSON pointer prefix). */
    public List<Diagnostic> diagnosticsOf(Model model) {
        String prefix = model.pointer();
        return diagnostics.stream()
                .filter(d -> d.pointer().equals(prefix) || d.pointer().startsWith(prefix + "/"))
                .toList();
    }
}
