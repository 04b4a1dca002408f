package io.github.specpipeline.core.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.sql.BigQueryType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every dialect's table-driven test checks; a subclass gives the dialect and its rows. Function rows are
 * {@code NAME => BigQuery fragment => rendering}, or {@code refused: construct: reason} for a refusal (the first
 * problem the rendering reports); type rows are {@code BigQuery type => dialect type} ({@code none}: no
 * equivalent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DialectRulesContract {

    abstract Dialect dialect();

    /** One row per function of the catalogue and per form the dialect treats differently. */
    abstract List<String> functions();

    /** The syntax that is not a call. */
    abstract List<String> syntax();

    /** The type map: every scalar kind, the aliases, parameters, ARRAY and STRUCT. */
    abstract List<String> types();

    Stream<Arguments> cases() {
        return Stream.concat(functions().stream(), syntax().stream())
                .map(row -> Arguments.of((Object[]) row.split(" => ", 3)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void rendersOrRefuses(String name, String fragment, String expected) throws Exception {
        SqlRenderer.Rendering r = FunctionCatalogueTest.render(fragment, dialect());
        String actual = r.ok()
                ? r.sql()
                : "refused: " + r.problems().get(0).construct() + ": "
                        + r.problems().get(0).reason();
        assertThat(actual).isEqualTo(expected);
        if (!r.ok()) {
            assertThat(r.problems().get(0).dialect()).isEqualTo(dialect());
        }
    }

    @Test
    void namesEveryFunctionOfTheCatalogueAndOfItsTable() {
        List<String> named = functions().stream()
                .map(row -> row.split(" => ", 3)[0])
                .distinct()
                .toList();
        assertThat(named).containsExactlyInAnyOrderElementsOf(FunctionCatalogueTest.catalogued());
        if (!dialect().rules().functions().isEmpty()) {
            assertThat(named)
                    .containsExactlyInAnyOrderElementsOf(
                            dialect().rules().functions().keySet());
        }
    }

    Stream<Arguments> typeCases() {
        return types().stream().map(row -> Arguments.of((Object[]) row.split(" => ", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeCases")
    void mapsTypes(String bigQuery, String expected) {
        assertThat(dialect().type(bigQuery).orElse("none")).isEqualTo(expected);
    }

    @Test
    void mapsEveryKindOfScalar() {
        List<String> mapped =
                types().stream().map(row -> row.split(" => ", 2)[0]).toList();
        for (BigQueryType.Kind k : BigQueryType.Kind.values()) {
            assertThat(mapped).contains(k.name());
        }
    }
}
