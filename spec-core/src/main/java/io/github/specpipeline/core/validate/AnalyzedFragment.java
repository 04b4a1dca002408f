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
     * catalog name), an upstream model (by name) or a union of such tables; all null when its columns are not known.
     */
    record ScopeTable(String alias, String rawTable, String model, UnionScope union) {
        ScopeTable(String alias, String rawTable, String model) {
            this(alias, rawTable, model, null);
        }

        boolean known() {
            return rawTable != null
                    || model != null
                    || (union != null && union.members().stream().allMatch(ScopeTable::known));
        }
    }

    /**
     * A union as the generated SQL reads it: each member's columns by name in the union's order, cast to the union's
     * type where the member's differs, then the source column.
     *
     * @param members      the members (aliases unused)
     * @param texts        each member as written in the spec, the source column's value
     * @param columns      the union's columns and types
     * @param casts        per member, per column: the type to cast to, or null
     * @param sourceColumn the source column, or null
     */
    record UnionScope(
            List<ScopeTable> members,
            List<String> texts,
            List<Column> columns,
            List<List<String>> casts,
            String sourceColumn) {
        UnionScope {
            members = List.copyOf(members);
            texts = List.copyOf(texts);
            columns = List.copyOf(columns);
            casts = casts.stream().map(java.util.Collections::unmodifiableList).toList();
        }
    }
}
