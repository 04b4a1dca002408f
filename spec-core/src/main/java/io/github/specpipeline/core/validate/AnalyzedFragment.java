package io.github.specpipeline.core.validate;

import java.util.List;
import java.util.Objects;

/**
 * A SQL fragment that passed today's checks, kept for GoogleSQL's analysis after every model's outputs are known.
 *
 * @param model           the model's name
 * @param place           where the generated SQL puts it
 * @param pointer         its JSON pointer in the spec
 * @param text            its text as the spec writes it
 * @param fromReplacement what each {@code {from}} stands for ({@code `table`.`column`}), or null
 * @param what            the fragment named for messages, e.g. {@code transform of 'email'}
 * @param scope           the tables it reads, as the generated SQL names them; null when it reads the model's output
 * @param column          the output column it computes (a transform or formula), or null
 * @param declaredType    that column's declared type, or null
 * @param aggregate       whether it calls an aggregate function
 */
record AnalyzedFragment(
        String model,
        FragmentPlace place,
        String pointer,
        String text,
        String fromReplacement,
        String what,
        List<ScopeTable> scope,
        String column,
        String declaredType,
        boolean aggregate) {

    AnalyzedFragment {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(text, "text");
        scope = scope == null ? null : List.copyOf(scope);
    }

    boolean onOutput() {
        return scope == null;
    }

    /**
     * A table a fragment reads, under the alias the generated SQL gives it: a raw table of the source DDL (by its
     * catalog name) or an upstream model (by name); both null when its columns are not known.
     */
    record ScopeTable(String alias, String rawTable, String model) {
        boolean known() {
            return rawTable != null || model != null;
        }
    }
}
