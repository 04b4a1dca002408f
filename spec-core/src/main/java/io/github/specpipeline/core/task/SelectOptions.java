package io.github.specpipeline.core.task;

import java.nio.file.Path;

/**
 * {@code specpipeline.select} and the base spec its {@code changed} selectors compare with.
 *
 * @param select the selection text (dbt's grammar, see {@link io.github.specpipeline.core.select.ModelSelection}); null
 *               or blank selects every model
 * @param base   {@code specpipeline.base}: the path of an earlier spec file, or null
 */
public record SelectOptions(String select, String base) {
    /** Every model. */
    public static final SelectOptions ALL = new SelectOptions(null, null);

    public boolean any() {
        return select != null && !select.isBlank();
    }

    /** The base as a path, resolved against {@code baseDirectory} when relative. */
    Path basePath(Path baseDirectory) {
        Path p = Path.of(base);
        return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p);
    }
}
