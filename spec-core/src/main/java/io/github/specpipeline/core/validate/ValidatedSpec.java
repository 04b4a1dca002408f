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
 */
public record ValidatedSpec(
        String specFile,
        Spec spec,
        ModelGraph graph,
        Optional<SourceCatalog> sourceCatalog,
        Map<String, List<Column>> outputColumns,
        List<Diagnostic> diagnostics) {

    public ValidatedSpec {
        outputColumns = Map.copyOf(outputColumns);
        diagnostics = List.copyOf(diagnostics);
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
