package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.diag.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table model: each cell's plain text and type, and rows that fit their header. */
class ReviewTableTest {
    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of(Cell.text("orders"), "orders", Cell.Type.TEXT),
                Arguments.of(Cell.text(null), "", Cell.Type.TEXT),
                Arguments.of(Cell.prose(null), "", Cell.Type.PROSE),
                Arguments.of(Cell.code("=1+1"), "=1+1", Cell.Type.CODE),
                Arguments.of(Cell.number(42), "42", Cell.Type.NUMBER),
                Arguments.of(Cell.flag(true), "Yes", Cell.Type.FLAG),
                Arguments.of(Cell.flag(false), "No", Cell.Type.FLAG),
                Arguments.of(new Cell.Status(0, 0), "OK", Cell.Type.STATUS),
                Arguments.of(new Cell.Status(1, 2), "1 error, 2 warnings", Cell.Type.STATUS),
                Arguments.of(new Cell.Finding(Severity.WARNING), Severity.WARNING.label(), Cell.Type.FINDING),
                Arguments.of(new Cell.ModelName("models[3]", "model_3"), "models[3]", Cell.Type.MODEL_NAME));
    }

    @ParameterizedTest(name = "{2} {1}")
    @MethodSource("cells")
    void aCellHasItsTextAndType(Cell cell, String text, Cell.Type type) {
        assertThat(cell.text()).isEqualTo(text);
        assertThat(cell.type()).isEqualTo(type);
    }

    @Test
    void everyCellTypeIsCovered() {
        assertThat(cells().map(a -> ((Cell) a.get()[0]).type()).distinct())
                .containsExactlyInAnyOrder(Cell.Type.values());
    }

    @Test
    void aRowMustFitTheHeader() {
        assertThatThrownBy(() -> new ReviewTable("Joins", List.of("a", "b"), List.of(List.of(Cell.text("x")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Joins");
    }

    @Test
    void textsAreTheHeaderThenTheRows() {
        ReviewTable t =
                new ReviewTable("T", List.of("Name", "Count"), List.of(List.of(Cell.text(null), Cell.number(3))));
        assertThat(t.texts()).containsExactly(List.of("Name", "Count"), List.of("", "3"));
    }
}
