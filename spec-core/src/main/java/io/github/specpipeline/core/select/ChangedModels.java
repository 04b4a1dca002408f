package io.github.specpipeline.core.select;

import java.util.Set;

/**
 * The models that changed against a base spec ({@code specpipeline.base}), for the {@code changed} and
 * {@code changed+} selectors. The caller decides how a base is loaded and what "changed" means; selection only
 * reads the names.
 */
@FunctionalInterface
public interface ChangedModels {
    /** No base was given: selecting {@code changed} is then an error. */
    ChangedModels NONE = () -> null;

    /** The names of the models of the current spec that are new or differ from the base; null when no base is given. */
    Set<String> changed();
}
